package dev.flowline.core.search;

import java.util.List;

/** The right-hand side of a comparison. */
public sealed interface Literal {
    /** The value as error messages show it: the text unquoted, an integral number without a fraction. */
    default String describe() {
        return switch (this) {
            case Text text -> text.value();
            case Number number ->
                number.value() == Math.rint(number.value()) && Math.abs(number.value()) < 1e15
                        ? Long.toString((long) number.value())
                        : Double.toString(number.value());
            case TextList list -> list.values().toString();
        };
    }

    /** A quoted string. */
    record Text(String value) implements Literal {}

    /** A number; metrics and numeric attributes compare against it. */
    record Number(double value) implements Literal {}

    /** A parenthesised list of strings, for {@code IN} and {@code NOT IN}. */
    record TextList(List<String> values) implements Literal {
        public TextList {
            values = List.copyOf(values);
        }
    }
}

package dev.flowline.core.search;

import java.util.List;

/** The right-hand side of a comparison. */
public sealed interface Literal {
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

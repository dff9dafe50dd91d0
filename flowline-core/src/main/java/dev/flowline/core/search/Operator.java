package dev.flowline.core.search;

import java.util.Optional;

/** Comparison operators of the search grammar. */
public enum Operator {
    EQ("="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    LIKE("LIKE"),
    ILIKE("ILIKE"),
    IN("IN"),
    NOT_IN("NOT IN");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    /** The operator written as {@code symbol} ({@code =}, {@code <=}, {@code LIKE}, …, case-insensitive), if any. */
    public static Optional<Operator> fromSymbol(String symbol) {
        for (Operator op : values()) {
            if (op.symbol.equalsIgnoreCase(symbol)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    /** The operator as written in a filter string. */
    public String symbol() {
        return symbol;
    }
}

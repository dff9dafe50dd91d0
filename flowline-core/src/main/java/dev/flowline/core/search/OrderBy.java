package dev.flowline.core.search;

import java.util.Objects;

/** One {@code order_by} clause. */
public record OrderBy(Field field, boolean ascending) {
    public OrderBy {
        Objects.requireNonNull(field, "field");
    }
}

package dev.flowline.core.search;

import java.util.Objects;

/**
 * A searchable field, e.g. {@code (METRIC, "loss")} or {@code (ATTRIBUTE, "start_time")}.
 * Attribute keys are canonical: aliases such as {@code created} arrive as {@code start_time}.
 */
public record Field(EntityType type, String key) {
    public Field {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
    }
}

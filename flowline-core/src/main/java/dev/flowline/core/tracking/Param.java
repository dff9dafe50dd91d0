package dev.flowline.core.tracking;

import java.util.Objects;

/** A run parameter; once logged its value never changes. */
public record Param(String key, String value) {
    public Param {
        Objects.requireNonNull(key, "key");
    }
}

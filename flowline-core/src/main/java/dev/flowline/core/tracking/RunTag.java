package dev.flowline.core.tracking;

import java.util.Objects;

/** A key/value tag on a run; values may be rewritten. */
public record RunTag(String key, String value) {
    public RunTag {
        Objects.requireNonNull(key, "key");
    }
}

package dev.flowline.core.tracking;

import java.util.Objects;

/**
 * A dataset a run used; identified within an experiment by name and digest.
 *
 * @param schema  optional, may be null
 * @param profile optional, may be null
 */
public record Dataset(String name, String digest, String sourceType, String source, String schema, String profile) {
    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(sourceType, "sourceType");
        Objects.requireNonNull(source, "source");
    }
}

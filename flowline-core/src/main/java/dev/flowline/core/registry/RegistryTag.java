package dev.flowline.core.registry;

import java.util.Objects;

/** A tag of a registered model or of a model version. */
public record RegistryTag(String key, String value) {
    public RegistryTag {
        Objects.requireNonNull(key, "key");
    }
}

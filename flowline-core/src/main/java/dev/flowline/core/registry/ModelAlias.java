package dev.flowline.core.registry;

import java.util.Objects;

/** A named pointer from a registered model to one of its versions, e.g. {@code champion → 3}. */
public record ModelAlias(String alias, long version) {
    public ModelAlias {
        Objects.requireNonNull(alias, "alias");
    }
}

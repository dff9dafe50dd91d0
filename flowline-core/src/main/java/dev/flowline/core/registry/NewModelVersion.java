package dev.flowline.core.registry;

import java.util.List;
import java.util.Objects;

/**
 * A validated request to create a model version; the store assigns the number.
 *
 * @param storageLocation the resolved location of the files (see {@link ModelVersion#storageLocation()})
 * @param runId           null when none was named
 */
public record NewModelVersion(
        String name,
        String source,
        String storageLocation,
        String runId,
        String runLink,
        String description,
        List<RegistryTag> tags,
        long now) {
    public NewModelVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(storageLocation, "storageLocation");
        tags = List.copyOf(tags);
    }
}

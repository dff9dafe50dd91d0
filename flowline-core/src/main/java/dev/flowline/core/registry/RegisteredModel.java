package dev.flowline.core.registry;

import java.util.List;
import java.util.Objects;

/**
 * A named model with its versions' summary.
 *
 * @param latestVersions the highest version in each stage that has one, by ascending version
 */
public record RegisteredModel(
        String name,
        long creationTimestamp,
        long lastUpdatedTimestamp,
        String description,
        List<ModelVersion> latestVersions,
        List<RegistryTag> tags,
        List<ModelAlias> aliases) {
    public RegisteredModel {
        Objects.requireNonNull(name, "name");
        latestVersions = List.copyOf(latestVersions);
        tags = List.copyOf(tags);
        aliases = List.copyOf(aliases);
    }
}

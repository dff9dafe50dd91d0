package dev.flowline.core.registry;

import java.util.List;
import java.util.Objects;

/**
 * A version of a registered model.
 *
 * @param version         1, 2, … per model, never reused
 * @param source          the location the client registered, as given
 * @param storageLocation where the files are: {@code source} with {@code runs:/} and {@code models:/} resolved
 * @param runId           the run that produced the model, null when none was named
 * @param aliases         the aliases pointing at this version
 */
public record ModelVersion(
        String name,
        long version,
        long creationTimestamp,
        long lastUpdatedTimestamp,
        String userId,
        ModelStage currentStage,
        String description,
        String source,
        String storageLocation,
        String runId,
        ModelVersionStatus status,
        String statusMessage,
        List<RegistryTag> tags,
        String runLink,
        List<String> aliases) {
    public ModelVersion {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(currentStage, "currentStage");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        tags = List.copyOf(tags);
        aliases = List.copyOf(aliases);
    }

    /** The URI to download the version's files from. */
    public String downloadUri() {
        return storageLocation == null ? source : storageLocation;
    }
}

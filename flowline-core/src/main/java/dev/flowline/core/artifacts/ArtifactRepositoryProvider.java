package dev.flowline.core.artifacts;

import java.util.Set;

/**
 * Opens {@link ArtifactRepository}s for the URI schemes it knows; found with {@link java.util.ServiceLoader},
 * so another store (GCS, Azure, …) is one module with one of these.
 */
public interface ArtifactRepositoryProvider {

    /** The URI schemes served, lowercase; "" stands for a plain path without a scheme. */
    Set<String> schemes();

    /** The settings (environment variable names, e.g. {@code MLFLOW_S3_ENDPOINT_URL}) this provider reads. */
    default Set<String> settingNames() {
        return Set.of();
    }

    /** Opens the repository rooted at the URI. */
    ArtifactRepository open(String uri, ArtifactSettings settings);
}

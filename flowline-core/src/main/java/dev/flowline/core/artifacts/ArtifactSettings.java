package dev.flowline.core.artifacts;

import java.util.Map;
import java.util.Optional;

/**
 * Settings for artifact stores, read once at the edge (the command line reads them from the environment,
 * under MLflow's names such as {@code MLFLOW_S3_ENDPOINT_URL}) and handed to providers; nothing below the
 * edge reads the environment itself.
 */
public record ArtifactSettings(Map<String, String> values) {
    public ArtifactSettings {
        values = Map.copyOf(values);
    }

    /** No settings: every store uses its defaults. */
    public static ArtifactSettings none() {
        return new ArtifactSettings(Map.of());
    }

    /**
     * The settings that the providers on the class path read, taken from the given variables (the
     * command line passes the process environment).
     */
    public static ArtifactSettings from(Map<String, String> environment) {
        Map<String, String> values = new java.util.HashMap<>();
        for (ArtifactRepositoryProvider provider : java.util.ServiceLoader.load(ArtifactRepositoryProvider.class)) {
            for (String name : provider.settingNames()) {
                if (environment.containsKey(name)) {
                    values.put(name, environment.get(name));
                }
            }
        }
        return new ArtifactSettings(values);
    }

    /** The non-blank value of a setting. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }
}

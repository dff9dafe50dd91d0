package dev.flowline.core.registry;

import dev.flowline.core.error.FlowlineException;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed {@code models:/} URI: {@code models:/name/<version>}, {@code models:/name/<stage>},
 * {@code models:/name/latest} or {@code models:/name@alias}. Exactly one of version, stage, alias is set,
 * or none of them for {@code latest}.
 */
public record ModelUri(String name, Optional<Long> version, Optional<ModelStage> stage, Optional<String> alias) {
    public ModelUri {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(alias, "alias");
    }

    /** Whether the URI has the {@code models:} scheme. */
    public static boolean isModelUri(String uri) {
        return uri != null && uri.regionMatches(true, 0, "models:", 0, 7);
    }

    /** Parses the URI; a malformed one is INVALID_PARAMETER_VALUE with MLflow's message. */
    public static ModelUri parse(String uri) {
        if (!isModelUri(uri)) {
            throw improper(uri);
        }
        String path = uri.substring("models:".length());
        if (path.startsWith("//")) {
            // models://<profile>/name/... names a remote registry, which this server is not.
            throw improper(uri);
        }
        if (!path.startsWith("/") || path.length() <= 1) {
            throw improper(uri);
        }
        String[] parts = path.substring(1).split("/", -1);
        if (parts.length > 2 || parts[0].isBlank()) {
            throw improper(uri);
        }
        if (parts.length == 2) {
            String name = parts[0];
            String suffix = parts[1];
            if (suffix.isBlank()) {
                throw improper(uri);
            }
            if (suffix.chars().allMatch(Character::isDigit)) {
                try {
                    return new ModelUri(name, Optional.of(Long.parseLong(suffix)), Optional.empty(), Optional.empty());
                } catch (NumberFormatException e) {
                    throw improper(uri);
                }
            }
            if (suffix.equalsIgnoreCase("latest")) {
                return new ModelUri(name, Optional.empty(), Optional.empty(), Optional.empty());
            }
            return new ModelUri(name, Optional.empty(), Optional.of(ModelStage.parse(suffix)), Optional.empty());
        }
        int at = parts[0].lastIndexOf('@');
        if (at <= 0 || at == parts[0].length() - 1) {
            throw improper(uri);
        }
        return new ModelUri(
                parts[0].substring(0, at), Optional.empty(), Optional.empty(), Optional.of(parts[0].substring(at + 1)));
    }

    private static FlowlineException improper(String uri) {
        return FlowlineException.invalidParameter(
                "Not a proper models:/ URI: %s. Models URIs must be of the form "
                        + "'models:/model_name/suffix' or 'models:/model_name@alias' where suffix is a model version, stage, "
                        + "or the string 'latest' and where alias is a registered model alias. Only one of suffix or alias "
                        + "can be defined at a time.",
                uri);
    }
}

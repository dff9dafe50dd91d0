package dev.flowline.core.registry;

import dev.flowline.core.error.FlowlineException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** MLflow's rules for registry names, versions, aliases and tags, with its messages. */
final class RegistryRules {
    static final int MAX_MODEL_NAME_LENGTH = 256;
    static final int MAX_TAG_KEY_LENGTH = 250;
    static final int MAX_TAG_VALUE_LENGTH = 5000;
    static final int MAX_ALIAS_LENGTH = 255;

    private static final Pattern TAG_NAME = Pattern.compile("^[/\\w.\\- ]*$");
    private static final Pattern ALIAS = Pattern.compile("^[\\w\\-]*$");
    private static final Pattern VERSION_ALIAS = Pattern.compile("^[vV]\\d+$");

    private RegistryRules() {}

    static String modelName(String name) {
        if (name == null || name.isEmpty()) {
            throw FlowlineException.invalidParameter("Registered model name cannot be empty.");
        }
        return lengthLimit("Registered model name", MAX_MODEL_NAME_LENGTH, name);
    }

    static long version(String version) {
        try {
            return Long.parseLong(version == null ? "" : version.trim());
        } catch (NumberFormatException e) {
            throw FlowlineException.invalidParameter("Model version must be an integer, got '%s'", version);
        }
    }

    static String alias(String alias) {
        if (alias == null || alias.isEmpty()) {
            throw FlowlineException.invalidParameter("Registered model alias name cannot be empty.");
        }
        if (!ALIAS.matcher(alias).matches()) {
            throw FlowlineException.invalidParameter(
                    "Invalid alias name: '%s'. Names may only contain alphanumerics, "
                            + "underscores (_), and dashes (-).",
                    alias);
        }
        lengthLimit("Registered model alias name", MAX_ALIAS_LENGTH, alias);
        if (alias.equalsIgnoreCase("latest")) {
            throw FlowlineException.invalidParameter("'latest' alias name (case insensitive) is reserved.");
        }
        if (VERSION_ALIAS.matcher(alias).matches()) {
            throw FlowlineException.invalidParameter("Version alias name '%s' is reserved.", alias);
        }
        return alias;
    }

    static String tagName(String name) {
        if (name == null) {
            throw FlowlineException.invalidParameter("Tag name cannot be None. A key name must be provided.");
        }
        if (!TAG_NAME.matcher(name).matches()) {
            throw FlowlineException.invalidParameter(
                    "Invalid tag name: '%s'. Names may only contain alphanumerics, "
                            + "underscores (_), dashes (-), periods (.), spaces ( ), and slashes (/).",
                    name);
        }
        String normalized = normalize(name);
        if (!normalized.equals(name)
                || normalized.equals(".")
                || normalized.startsWith("..")
                || normalized.startsWith("/")) {
            throw FlowlineException.invalidParameter(
                    "Invalid tag name: '%s'. Names may be treated as files in certain "
                            + "cases, and must not resolve to other names when treated as such. This name would resolve to '%s'",
                    name, normalized);
        }
        return name;
    }

    /** Validates a tag of a registered model ({@code entity} "Registered model") or version ("Model version"). */
    static RegistryTag tag(String entity, String key, String value) {
        tagName(key);
        lengthLimit(entity + " key", MAX_TAG_KEY_LENGTH, key);
        String checkedValue = value == null ? "" : value;
        lengthLimit(entity + " value", MAX_TAG_VALUE_LENGTH, checkedValue);
        return new RegistryTag(key, checkedValue);
    }

    private static String lengthLimit(String entity, int limit, String value) {
        if (value.length() > limit) {
            throw FlowlineException.invalidParameter(
                    "%s '%s' had length %d, which exceeded length limit of %d",
                    entity, value.substring(0, Math.min(250, value.length())), value.length(), limit);
        }
        return value;
    }

    /** Python's {@code posixpath.normpath}, which MLflow's tag-name check uses. */
    private static String normalize(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        int initialSlashes = path.startsWith("//") && !path.startsWith("///") ? 2 : path.startsWith("/") ? 1 : 0;
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            boolean keep = !part.equals("..")
                    || initialSlashes == 0 && parts.isEmpty()
                    || !parts.isEmpty() && parts.getLast().equals("..");
            if (keep) {
                parts.add(part);
            } else if (!parts.isEmpty()) {
                parts.removeLast();
            }
        }
        String result = "/".repeat(initialSlashes) + String.join("/", parts);
        return result.isEmpty() ? "." : result;
    }
}

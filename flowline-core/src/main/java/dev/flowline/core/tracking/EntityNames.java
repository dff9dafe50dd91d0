package dev.flowline.core.tracking;

import dev.flowline.core.error.FlowlineException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * MLflow's rules for metric, param and tag keys: only {@code [/\w.\- ]}, at most 250 characters, and no
 * name that would resolve to another one when treated as a file path ({@code a//b}, {@code ../x}, {@code /x}).
 */
final class EntityNames {
    static final int MAX_KEY_LENGTH = 250;

    private static final Pattern VALID = Pattern.compile("^[/\\w.\\- ]*$", Pattern.UNICODE_CHARACTER_CLASS);
    private static final String BAD_CHARACTERS = "Names may only contain alphanumerics, underscores (_), dashes (-),"
            + " periods (.), spaces ( ), and slashes (/).";

    /**
     * Names already found valid. Clients log the same few keys over and over (1000-metric batches of a handful of
     * keys), so the regular expression and path normalisation run once per name; the set is emptied when it grows
     * past {@link #KNOWN_LIMIT} so that a client inventing keys cannot grow it without bound.
     */
    private static final Set<String> KNOWN_VALID = ConcurrentHashMap.newKeySet();

    private static final int KNOWN_LIMIT = 10_000;

    private EntityNames() {}

    /** Whether {@link #check} would accept the name. */
    static boolean isValid(String name) {
        if (name == null) {
            return false;
        }
        if (KNOWN_VALID.contains(name)) {
            return true;
        }
        boolean valid = name.length() <= MAX_KEY_LENGTH && VALID.matcher(name).matches() && resolvesToItself(name);
        if (valid) {
            if (KNOWN_VALID.size() >= KNOWN_LIMIT) {
                KNOWN_VALID.clear();
            }
            KNOWN_VALID.add(name);
        }
        return valid;
    }

    private static boolean resolvesToItself(String name) {
        String normalized = normalize(name);
        return normalized.equals(name)
                && !normalized.equals(".")
                && !normalized.startsWith("..")
                && !normalized.startsWith("/");
    }

    /**
     * Checks a key.
     *
     * @param path      the request field the key came from, e.g. {@code key} or {@code metrics[3].key}
     * @param whatKey   how the length error names it, e.g. {@code Param key}
     */
    static void check(String path, String whatKey, String name) {
        if (isValid(name)) {
            return;
        }
        if (name == null) {
            throw FlowlineException.invalidParameter("Missing value for required parameter '%s'.", path);
        }
        if (!VALID.matcher(name).matches()) {
            throw FlowlineException.invalidParameter(TrackingValidator.invalidValue(path, name, BAD_CHARACTERS));
        }
        if (!resolvesToItself(name)) {
            String normalized = normalize(name);
            throw FlowlineException.invalidParameter(TrackingValidator.invalidValue(
                    path,
                    name,
                    "Names may be treated as files in certain cases, and must not resolve to other names when treated"
                            + " as such. This name would resolve to '" + normalized + "'"));
        }
        if (name.length() > MAX_KEY_LENGTH) {
            throw TrackingValidator.tooLong(whatKey, MAX_KEY_LENGTH);
        }
    }

    /** Python's {@code posixpath.normpath}, which MLflow compares a name against. */
    static String normalize(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean absolute = path.startsWith("/");
        int leadingSlashes = absolute && path.startsWith("//") && !path.startsWith("///") ? 2 : absolute ? 1 : 0;
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")
                    && (!parts.isEmpty() && !parts.peekLast().equals("..") || absolute && parts.isEmpty())) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
                continue;
            }
            parts.addLast(part);
        }
        String joined = "/".repeat(leadingSlashes) + String.join("/", parts);
        return joined.isEmpty() ? "." : joined;
    }
}

package dev.flowline.core.artifacts;

import dev.flowline.core.error.FlowlineException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every path-safety rule for artifacts, in one place. Artifact paths come from clients (URL paths, query
 * arguments, JSON) and are joined to a trusted root, so each is checked here before any store sees it:
 * percent-encoding is undone until it stops changing (so {@code %2e%2e} and {@code %252e%252e} are
 * {@code ..}), and then {@code ..} segments, absolute paths, drive letters, backslashes, {@code #},
 * {@code ?} and control characters are refused with MLflow's {@code Invalid path}.
 */
public final class ArtifactPaths {
    private static final int MAX_DECODE_ROUNDS = 10;

    private ArtifactPaths() {}

    /**
     * Checks a relative artifact path and returns it decoded and normalised ('/'-separated, without empty
     * or "." segments; "" for the root). Null or empty means the root.
     */
    public static String validate(String path) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        String decoded = decode(path);
        if (decoded.startsWith("file:")) {
            decoded = stripFileScheme(decoded);
        }
        if (isUnsafe(decoded)) {
            throw invalidPath();
        }
        List<String> segments = new ArrayList<>();
        for (String segment : decoded.split("/")) {
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return String.join("/", segments);
    }

    /**
     * Checks an artifact location a client asks for when creating an experiment, as MLflow does: no
     * {@code runs:/} URIs, no fragments or params, no {@code ..} in the query; beyond MLflow, no {@code ..}
     * path segments and no control characters either.
     */
    public static String validateLocation(String location) {
        if (location.startsWith("runs:")) {
            throw FlowlineException.invalidParameter("Artifact location cannot be a runs:/ URI. Given: '%s'", location);
        }
        String decoded = decode(location);
        int hash = decoded.indexOf('#');
        String beforeFragment = hash < 0 ? decoded : decoded.substring(0, hash);
        int question = beforeFragment.indexOf('?');
        String pathPart = question < 0 ? beforeFragment : beforeFragment.substring(0, question);
        if (hash >= 0
                || location.contains("#")
                || pathPart.substring(pathPart.lastIndexOf('/') + 1).contains(";")) {
            throw FlowlineException.invalidParameter("'artifact_location' URL can't include fragments or params.");
        }
        if (question >= 0 && beforeFragment.substring(question).contains("..")) {
            throw FlowlineException.invalidParameter("Invalid query string");
        }
        if (hasControlCharacter(decoded)
                || List.of(pathPart.replace('\\', '/').split("/")).contains("..")) {
            throw invalidPath();
        }
        return location;
    }

    private static boolean isUnsafe(String path) {
        return path.startsWith("/")
                || path.contains("\\")
                || path.contains("#")
                || path.contains("?")
                || hasDriveLetter(path)
                || hasControlCharacter(path)
                || List.of(path.split("/")).contains("..");
    }

    private static boolean hasDriveLetter(String path) {
        return path.length() >= 2 && path.charAt(1) == ':' && Character.isLetter(path.charAt(0));
    }

    private static boolean hasControlCharacter(String path) {
        return path.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static String stripFileScheme(String uri) {
        String rest = uri.substring("file:".length());
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            String authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            if (!authority.isEmpty() && !authority.toLowerCase(Locale.ROOT).equals("localhost")) {
                throw invalidPath();
            }
            rest = slash < 0 ? "" : rest.substring(slash);
        }
        return rest;
    }

    /** Undoes percent-encoding until the text stops changing, as MLflow does before checking a path. */
    public static String decode(String text) {
        String current = text;
        for (int round = 0; round < MAX_DECODE_ROUNDS; round++) {
            String decoded = decodeOnce(current);
            if (decoded.equals(current)) {
                return current;
            }
            current = decoded;
        }
        throw FlowlineException.invalidParameter("Failed to decode url");
    }

    /** Decodes each valid %XX escape and leaves anything else as it is, like Python's {@code unquote}. */
    private static String decodeOnce(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            int high = i + 2 < raw.length && raw[i] == '%' ? Character.digit(raw[i + 1], 16) : -1;
            int low = high >= 0 ? Character.digit(raw[i + 2], 16) : -1;
            if (low >= 0) {
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static FlowlineException invalidPath() {
        return FlowlineException.invalidParameter("Invalid path");
    }
}

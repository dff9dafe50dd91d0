package dev.flowline.core.gateway;

import dev.flowline.core.error.FlowlineException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The paths the gateway proxy forwards to. MLflow's server takes two: {@code GET api/2.0/endpoints} (the list of
 * endpoints) and {@code POST gateway/<name>/invocations} (a call to one), with leading and trailing slashes ignored.
 * Flowline also holds an endpoint name to the characters MLflow's gateway allows in one (letters, digits,
 * {@code _ - .}), so no percent escape, {@code ..}, {@code @}, {@code :}, {@code ?}, {@code #}, backslash, space or
 * control character can reach the URL: the call always goes to the configured server, under its path.
 */
final class GatewayPaths {
    private static final String ENDPOINTS = "api/2.0/endpoints";
    private static final Pattern INVOCATIONS = Pattern.compile("gateway/([^/]+)/invocations");
    private static final Pattern ENDPOINT_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    private GatewayPaths() {}

    /**
     * The path to forward to, relative to the target's path: the given one without leading slashes, or
     * INVALID_PARAMETER_VALUE with MLflow's messages.
     */
    static String check(String method, String gatewayPath) {
        if (gatewayPath == null || gatewayPath.isEmpty()) {
            throw FlowlineException.invalidParameter("Deployments proxy request must specify a gateway_path.");
        }
        String trimmed = strip(gatewayPath);
        boolean allowed = switch (method) {
            case "GET" -> trimmed.equals(ENDPOINTS);
            case "POST" -> isInvocation(trimmed);
            default -> false;
        };
        if (!allowed) {
            throw FlowlineException.invalidParameter(
                    "Invalid gateway_path: %s for method: %s", printable(gatewayPath), method);
        }
        // A trailing slash is kept: MLflow's deployments server lists its endpoints at api/2.0/endpoints/.
        return gatewayPath.replaceFirst("^/+", "");
    }

    private static boolean isInvocation(String path) {
        Matcher matcher = INVOCATIONS.matcher(path);
        if (!matcher.matches()) {
            return false;
        }
        String name = matcher.group(1);
        return ENDPOINT_NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }

    /** Python's {@code str.strip("/")}. */
    private static String strip(String path) {
        int start = 0;
        int end = path.length();
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        while (end > start && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(start, end);
    }

    /** The path as it may be shown in a message: control characters escaped, so no message carries a line break. */
    private static String printable(String path) {
        StringBuilder out = new StringBuilder(path.length());
        path.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}

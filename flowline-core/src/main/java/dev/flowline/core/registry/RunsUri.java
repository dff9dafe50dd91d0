package dev.flowline.core.registry;

import dev.flowline.core.error.FlowlineException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed {@code runs:/<run_id>/<path>} URI; the path may be empty. */
public record RunsUri(String runId, String path) {
    private static final Pattern FORM =
            Pattern.compile("runs:/([a-zA-Z0-9][\\w\\-]{0,255})(?:/(.*))?", Pattern.CASE_INSENSITIVE);

    public RunsUri {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(path, "path");
    }

    public static boolean isRunsUri(String uri) {
        return uri != null && uri.regionMatches(true, 0, "runs:", 0, 5);
    }

    public static RunsUri parse(String uri) {
        Matcher matcher = FORM.matcher(uri);
        if (!matcher.matches()) {
            throw FlowlineException.invalidParameter(
                    "Not a proper runs:/ URI: %s. Runs URIs must be of the form "
                            + "'runs:/<run_id>/run-relative/path/to/artifact'",
                    uri);
        }
        String path = matcher.group(2) == null ? "" : matcher.group(2).replaceAll("/+$", "");
        return new RunsUri(matcher.group(1), path);
    }
}

package dev.flowline.core.registry;

import dev.flowline.core.artifacts.ArtifactPaths;
import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.tracking.Run;
import dev.flowline.core.tracking.TrackingStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether a model version's {@code source} is safe to register and where its files are.
 *
 * <p>MLflow has shipped a series of path-traversal CVEs through this field (CVE-2023-1177, -2356, -2780, -6018,
 * -6909, CVE-2024-1483, CVE-2025-11201): a source is later read by the server, so a source that escapes into
 * the server's file system discloses it. The rules, MLflow's own:
 * <ul>
 *   <li>a local source (a path, {@code file:}) must name a run ({@code run_id}) and, normalised, lie inside that
 *       run's artifact location, both as written and as decoded, and with symbolic links resolved; a {@code file:}
 *       URI naming another host is refused;</li>
 *   <li>any other source, decoded until stable, must hold no {@code ..} segment, no {@code #} or {@code ?}, no
 *       backslash and no control character (nor may a local one hold those characters);</li>
 *   <li>{@code runs:/} and {@code models:/} sources are resolved to the location they name ({@code runs:/} of a run
 *       this store does not hold is kept as given, as MLflow keeps every {@code runs:/} source);</li>
 *   <li>other schemes ({@code mlflow-artifacts:}, {@code s3://}, {@code http(s)://}, …) are kept as given.</li>
 * </ul>
 */
final class ModelSources {
    private static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.\\-]*):");

    private final TrackingStore tracking;
    private final ModelUriResolver resolver;

    ModelSources(TrackingStore tracking, ModelUriResolver resolver) {
        this.tracking = Objects.requireNonNull(tracking, "tracking");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** Validates the source and returns where the version's files are. */
    String storageLocation(String source, Optional<String> runId) {
        String decoded = decodeUntilStable(source);
        requireNoUnsafeCharacters(source, decoded);
        String scheme = scheme(decoded);
        if (scheme.isEmpty() || scheme.equals("file")) {
            requireLocalHost(source, decoded);
            // A local source may spell its path with "." or "..", as long as it resolves inside the run's artifacts.
            requireInsideRunArtifacts(source, decoded, runId);
            return source;
        }
        requireNoRelativeSegments(source, decoded);
        return switch (scheme) {
            case "runs" -> resolveRun(source);
            case "models" -> resolveModel(source);
            default -> source;
        };
    }

    /**
     * Where a {@code runs:/} source's files are; as given when its run is not (or no longer) in this tracking store.
     * MLflow registers such sources as they are and resolves them only when the files are read, so a client may name a
     * run of another store (or a placeholder, as MLflow's own tests do).
     */
    private String resolveRun(String source) {
        try {
            return resolver.resolve(source);
        } catch (FlowlineException e) {
            if (e.code() != ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                throw e;
            }
            return source;
        }
    }

    private String resolveModel(String source) {
        try {
            return resolver.resolve(source);
        } catch (FlowlineException e) {
            throw FlowlineException.invalidParameter(
                    "Unable to fetch model from model URI source artifact location '%s'." + "Error: %s",
                    source, e.getMessage());
        }
    }

    private static String scheme(String uri) {
        var matcher = SCHEME.matcher(uri);
        if (!matcher.find()) {
            return "";
        }
        String scheme = matcher.group(1).toLowerCase(Locale.ROOT);
        // A single letter is a Windows drive (C:/…), which is a local path.
        return scheme.length() == 1 ? "" : scheme;
    }

    /** The source with percent-encoding undone until stable; invalid escapes stay as they are, as in Python. */
    private static String decodeUntilStable(String source) {
        try {
            return ArtifactPaths.decode(source);
        } catch (FlowlineException e) {
            throw relativeReferences(source);
        }
    }

    private static void requireNoUnsafeCharacters(String source, String decoded) {
        for (String form : List.of(source, decoded)) {
            if (form.indexOf('#') >= 0
                    || form.indexOf('?') >= 0
                    || form.indexOf('\\') >= 0
                    || form.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw relativeReferences(source);
            }
        }
    }

    private static void requireNoRelativeSegments(String source, String decoded) {
        for (String form : List.of(source, decoded)) {
            for (String segment : form.split("/", -1)) {
                if (segment.equals("..")) {
                    throw relativeReferences(source);
                }
            }
        }
    }

    /** A {@code file:} URI naming another host is not local and is no storage the server may read either. */
    private static void requireLocalHost(String source, String decoded) {
        for (String form : List.of(source, decoded)) {
            if (fileUriHost(form).filter(host -> !isLocalHost(host)).isPresent()) {
                throw FlowlineException.invalidParameter(
                        "%s is not a valid remote uri. For remote access on windows, please consider using a different"
                                + " scheme such as SMB (e.g. smb://<hostname>/<path>).",
                        source);
            }
        }
    }

    private void requireInsideRunArtifacts(String source, String decoded, Optional<String> runId) {
        if (runId.isEmpty()) {
            throw outsideRun(source);
        }
        Run run = tracking.getRun(runId.get())
                .orElseThrow(() -> FlowlineException.notFound("Run with id=%s not found", runId.get()));
        Optional<Path> root = localPath(run.info().artifactUri());
        Optional<Path> raw = localPath(source);
        Optional<Path> plain = localPath(decoded);
        if (root.isEmpty()
                || raw.isEmpty()
                || plain.isEmpty()
                || !inside(raw.get(), root.get())
                || !inside(plain.get(), root.get())) {
            throw outsideRun(source);
        }
    }

    private static boolean inside(Path candidate, Path root) {
        if (!candidate.startsWith(root)) {
            return false;
        }
        return realPath(candidate).startsWith(realPath(root));
    }

    /** The path with symbolic links of its existing part resolved. */
    private static Path realPath(Path path) {
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return path;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(path));
        } catch (IOException e) {
            return path;
        }
    }

    /** A local path or {@code file:} URI as an absolute, normalised path; empty when it is not local. */
    private static Optional<Path> localPath(String uri) {
        String path = uri;
        String scheme = scheme(uri);
        if (scheme.equals("file")) {
            if (fileUriHost(uri).filter(host -> !isLocalHost(host)).isPresent()) {
                return Optional.empty();
            }
            String rest = uri.substring("file:".length());
            if (rest.startsWith("//")) {
                int slash = rest.indexOf('/', 2);
                rest = slash < 0 ? "/" : rest.substring(slash);
            }
            path = rest;
        } else if (!scheme.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(path).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The authority of a {@code file://host/...} URI, when it names one. */
    private static Optional<String> fileUriHost(String uri) {
        if (!scheme(uri).equals("file") || !uri.startsWith("//", "file:".length())) {
            return Optional.empty();
        }
        String rest = uri.substring("file://".length());
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        return authority.isEmpty() ? Optional.empty() : Optional.of(authority);
    }

    /** As MLflow: "localhost…", "127.0.0.1…" and "." name this machine. */
    private static boolean isLocalHost(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.equals(".") || lower.startsWith("localhost") || lower.startsWith("127.0.0.1");
    }

    private static FlowlineException relativeReferences(String source) {
        return FlowlineException.invalidParameter(
                "Invalid model version source: '%s'. If supplying a source as an http, "
                        + "https, local file path, ftp, objectstore, or mlflow-artifacts uri, an absolute path must be provided "
                        + "without relative path references present. Please provide an absolute path.",
                source);
    }

    private static FlowlineException outsideRun(String source) {
        return FlowlineException.invalidParameter(
                "Invalid model version source: '%s'. To use a local path as a model "
                        + "version source, the run_id request parameter has to be specified and the local path has to be "
                        + "contained within the artifact directory of the run specified by the run_id.",
                source);
    }
}

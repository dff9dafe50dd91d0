package dev.flowline.core.artifacts;

import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.tracking.Run;
import dev.flowline.core.tracking.TrackingStore;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a run's (or any artifact URI's) artifacts wherever they are: {@code mlflow-artifacts:} URIs (and
 * http URIs pointing at the proxy) in the proxy's destination, other URIs in the repository their scheme
 * names. Every requested path is checked by {@link ArtifactPaths} first.
 */
public final class RunArtifacts {
    private static final String PROXY_PATH = "/api/2.0/mlflow-artifacts/artifacts";

    private final TrackingStore tracking;
    private final ArtifactRepositories repositories;
    private final Optional<ArtifactRepository> proxyDestination;

    public RunArtifacts(
            TrackingStore tracking, ArtifactRepositories repositories, Optional<ArtifactRepository> proxyDestination) {
        this.tracking = Objects.requireNonNull(tracking, "tracking");
        this.repositories = Objects.requireNonNull(repositories, "repositories");
        this.proxyDestination = Objects.requireNonNull(proxyDestination, "proxyDestination");
    }

    /** A listing and the root URI it is relative to. */
    public record Listing(String rootUri, List<FileInfo> files) {}

    /** The entries of a directory of the run's artifacts, with paths relative to the run's artifact root. */
    public Listing list(String runId, String path) {
        String safe = ArtifactPaths.validate(path);
        String artifactUri = artifactUri(runId);
        return new Listing(artifactUri, listAt(artifactUri, safe));
    }

    /** Opens one of the run's artifacts from {@code offset} on. */
    public ArtifactContent open(String runId, String path, long offset) {
        String safe = ProxiedArtifacts.requireFilePath(path);
        return openAt(artifactUri(runId), safe, offset);
    }

    /**
     * Stores a file among the run's artifacts, wherever its artifact URI points (the web UI's upload).
     *
     * @param length the number of bytes the stream holds, or -1 if not known
     */
    public void write(String runId, String path, InputStream content, long length) {
        String safe = ProxiedArtifacts.requireFilePath(path);
        Located located = locate(artifactUri(runId));
        ProxiedArtifacts.put(located.repository(), located.join(safe), content, length);
    }

    /** Opens the artifact at a path under an artifact URI (a run's, or a model version's source). */
    public ArtifactContent openAt(String artifactUri, String path, long offset) {
        String safe = ProxiedArtifacts.requireFilePath(path);
        Located located = locate(artifactUri);
        return ProxiedArtifacts.open(located.repository(), located.join(safe), offset);
    }

    private List<FileInfo> listAt(String artifactUri, String safePath) {
        Located located = locate(artifactUri);
        int strip = located.prefix().isEmpty() ? 0 : located.prefix().length() + 1;
        return ProxiedArtifacts.list(located.repository(), located.join(safePath)).stream()
                .map(f ->
                        new FileInfo(f.path().substring(Math.min(strip, f.path().length())), f.isDir(), f.fileSize()))
                .toList();
    }

    private String artifactUri(String runId) {
        Run run =
                tracking.getRun(runId).orElseThrow(() -> FlowlineException.notFound("Run with id=%s not found", runId));
        return run.info().artifactUri();
    }

    private Located locate(String artifactUri) {
        Optional<String> proxied = proxiedPath(artifactUri);
        if (proxied.isPresent()) {
            ArtifactRepository destination = proxyDestination.orElseThrow(() -> FlowlineException.invalidParameter(
                    "The artifact URI '%s' is served by the artifact proxy, which this server does not run (--no-serve-artifacts)",
                    artifactUri));
            return new Located(destination, ArtifactPaths.validate(proxied.get().replaceFirst("^/+", "")));
        }
        return new Located(repositories.open(artifactUri), "");
    }

    /** The path under the proxy's destination that a proxied artifact URI names, if it is one. */
    private static Optional<String> proxiedPath(String uri) {
        String scheme = ArtifactRepositories.scheme(uri);
        String rest = uri.substring(scheme.isEmpty() ? 0 : scheme.length() + 1);
        String path = rest.startsWith("//") ? rest.substring(Math.max(rest.indexOf('/', 2), 2)) : rest;
        if (scheme.equals("mlflow-artifacts")) {
            return Optional.of(path.startsWith("//") ? "" : path);
        }
        if ((scheme.equals("http") || scheme.equals("https")) && path.startsWith(PROXY_PATH)) {
            return Optional.of(path.substring(PROXY_PATH.length()));
        }
        return Optional.empty();
    }

    private record Located(ArtifactRepository repository, String prefix) {
        String join(String path) {
            if (prefix.isEmpty()) {
                return path;
            }
            return path.isEmpty() ? prefix : prefix + "/" + path;
        }
    }
}

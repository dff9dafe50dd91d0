package dev.flowline.core.artifacts;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a new experiment's artifacts go, as {@code mlflow server} decides it: under
 * {@code --default-artifact-root} when given; otherwise {@code mlflow-artifacts:/<id>} when the server
 * proxies artifacts and {@code <working dir>/mlruns/<id>} when it does not. Local roots become absolute
 * paths, as MLflow resolves them.
 */
public final class ArtifactLocationPolicy {
    private static final String PROXIED_ROOT = "mlflow-artifacts:/";

    private final String root;
    private final Path workingDirectory;

    /**
     * @param defaultArtifactRoot {@code --default-artifact-root}, if given
     * @param serveArtifacts      whether the server proxies artifacts
     * @param workingDirectory    what relative local roots are resolved against
     */
    public ArtifactLocationPolicy(Optional<String> defaultArtifactRoot, boolean serveArtifacts, Path workingDirectory) {
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        String chosen =
                defaultArtifactRoot.filter(r -> !r.isBlank()).orElse(serveArtifacts ? PROXIED_ROOT : "./mlruns");
        this.root = resolveIfLocal(ArtifactPaths.validateLocation(chosen), workingDirectory);
        this.workingDirectory = workingDirectory;
    }

    /** The artifact location of a new experiment that did not ask for one. */
    public String defaultLocation(String experimentId) {
        return appendToUri(root, experimentId);
    }

    /**
     * Checks an artifact location a client asked for (see {@link ArtifactPaths#validateLocation}) and returns
     * the one to store: relative local paths made absolute.
     */
    public String check(String requested) {
        return resolveIfLocal(ArtifactPaths.validateLocation(requested), workingDirectory);
    }

    /** Joins a path segment to a URI or path, with exactly one '/' between. */
    public static String appendToUri(String uri, String segment) {
        if (uri.endsWith("/")) {
            return uri + segment;
        }
        return uri + "/" + segment;
    }

    private static String resolveIfLocal(String location, Path workingDirectory) {
        if (!ArtifactRepositories.scheme(location).isEmpty()) {
            return location;
        }
        return workingDirectory.resolve(location).toAbsolutePath().normalize().toString();
    }
}

package dev.flowline.server;

import dev.flowline.core.artifacts.ArtifactLocationPolicy;
import dev.flowline.core.artifacts.ArtifactRepositories;
import dev.flowline.core.artifacts.ProxiedArtifacts;
import dev.flowline.core.artifacts.RunArtifacts;
import dev.flowline.core.registry.ModelRegistryService;
import dev.flowline.core.tracking.TrackingStore;
import dev.flowline.server.artifacts.ArtifactsApi;
import dev.flowline.server.artifacts.MultipartApi;
import dev.flowline.server.artifacts.RunArtifactsApi;
import dev.flowline.server.gateway.GatewayProxyApi;
import dev.flowline.server.http.Api;
import dev.flowline.server.http.RouteTable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The artifact side of the composition root: the experiment location policy, the proxy's destination,
 * the artifact APIs, and which endpoints {@code --artifacts-only} and {@code --no-serve-artifacts} switch
 * off (they answer 503, as {@code mlflow server}'s do).
 */
final class ArtifactServing {
    private static final String ARTIFACTS_ONLY = "the mlflow server running with `--artifacts-only`. "
            + "To enable tracking server functionality, run `mlflow server` without `--artifacts-only`";
    private static final String NO_SERVE_ARTIFACTS = "the mlflow server running with `--no-serve-artifacts`. "
            + "To enable artifacts server functionality, run `mlflow server` with `--serve-artifacts`";

    private final ServerConfig config;
    private final ArtifactLocationPolicy policy;
    private final ArtifactRepositories repositories;
    private final ProxiedArtifacts proxy;

    ArtifactServing(ServerConfig config) {
        this.config = config;
        this.policy = new ArtifactLocationPolicy(
                Optional.ofNullable(config.defaultArtifactRoot()),
                config.serveArtifacts(),
                Path.of("").toAbsolutePath());
        this.repositories = new ArtifactRepositories(config.artifactSettings());
        this.proxy = new ProxiedArtifacts(repositories.open(config.artifactsDestination()));
    }

    ArtifactLocationPolicy policy() {
        return policy;
    }

    /** Where the proxy keeps artifacts, for the startup line. */
    String destination() {
        return proxy.destination().rootUri();
    }

    /** The proxy's APIs and {@code runArtifacts}. */
    List<Api> apis(RunArtifactsApi runArtifacts) {
        return List.of(new ArtifactsApi(proxy), new MultipartApi(proxy), runArtifacts);
    }

    /** A run's artifacts wherever its artifact URI points; the proxy's destination only while proxying. */
    RunArtifactsApi runArtifactsApi(TrackingStore tracking, ModelRegistryService registry) {
        return new RunArtifactsApi(runArtifacts(tracking), registry);
    }

    /** Artifacts at any artifact URI (a run's, a trace's); the proxy's destination only while proxying. */
    RunArtifacts runArtifacts(TrackingStore tracking) {
        Optional<dev.flowline.core.artifacts.ArtifactRepository> destination =
                proxying() ? Optional.of(proxy.destination()) : Optional.empty();
        return new RunArtifacts(tracking, repositories, destination);
    }

    /** The table an API's routes go into: the real one, or one answering 503 when a flag switches the API off. */
    RouteTable tableFor(Api api, RouteTable table) {
        boolean proxyApi = api instanceof ArtifactsApi || api instanceof MultipartApi;
        if (proxyApi && !proxying()) {
            return table.unavailable(NO_SERVE_ARTIFACTS);
        }
        // As in MLflow, --artifacts-only leaves the gateway proxy on: it touches no store.
        boolean storeless = api instanceof SystemApi || api instanceof GatewayProxyApi;
        if (!proxyApi && config.artifactsOnly() && !storeless) {
            return table.unavailable(ARTIFACTS_ONLY);
        }
        return table;
    }

    private boolean proxying() {
        return config.serveArtifacts() || config.artifactsOnly();
    }
}

package dev.flowline.server;

import java.net.URI;
import java.util.Objects;

/**
 * Everything the server is configured with, read once at the edge (the CLI) and passed down.
 *
 * @param host                 interface to bind, e.g. 127.0.0.1
 * @param port                 0 picks a free port
 * @param backendStoreUri      e.g. {@code sqlite:///mlflow.db}
 * @param defaultArtifactRoot  root for new experiments' artifacts, or null to follow MLflow's defaults
 * @param serveArtifacts       whether the artifact proxy is on
 * @param artifactsDestination where the proxy stores artifacts
 * @param artifactsOnly        serve only the artifact proxy; tracking endpoints answer 503
 * @param staticPrefix         path prefix for every route, "" for none, else starts with '/'
 * @param workers              database connections (and so concurrent database work)
 */
public record ServerConfig(
        String host,
        int port,
        URI backendStoreUri,
        String defaultArtifactRoot,
        boolean serveArtifacts,
        String artifactsDestination,
        boolean artifactsOnly,
        String staticPrefix,
        int workers) {

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(backendStoreUri, "backendStoreUri");
        Objects.requireNonNull(artifactsDestination, "artifactsDestination");
        Objects.requireNonNull(staticPrefix, "staticPrefix");
    }

    /** The embedded default: SQLite and a local artifact folder in the working directory. */
    public static ServerConfig embeddedDefault() {
        return new ServerConfig("127.0.0.1", 5000, URI.create("sqlite:///mlflow.db"), null, true,
                "./mlartifacts", false, "", 8);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, backendStoreUri, defaultArtifactRoot, serveArtifacts,
                artifactsDestination, artifactsOnly, staticPrefix, workers);
    }

    public ServerConfig withBackendStoreUri(URI uri) {
        return new ServerConfig(host, port, uri, defaultArtifactRoot, serveArtifacts,
                artifactsDestination, artifactsOnly, staticPrefix, workers);
    }
}

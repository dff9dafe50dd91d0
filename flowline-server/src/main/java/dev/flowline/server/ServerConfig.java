package dev.flowline.server;

import dev.flowline.core.artifacts.ArtifactSettings;
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
 * @param artifactSettings     settings for artifact stores (S3 endpoint, credentials, …), read from the environment by the CLI
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
        int workers,
        ArtifactSettings artifactSettings) {

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(backendStoreUri, "backendStoreUri");
        Objects.requireNonNull(artifactsDestination, "artifactsDestination");
        Objects.requireNonNull(staticPrefix, "staticPrefix");
        Objects.requireNonNull(artifactSettings, "artifactSettings");
    }

    /** A configuration without artifact-store settings. */
    public ServerConfig(
            String host,
            int port,
            URI backendStoreUri,
            String defaultArtifactRoot,
            boolean serveArtifacts,
            String artifactsDestination,
            boolean artifactsOnly,
            String staticPrefix,
            int workers) {
        this(
                host,
                port,
                backendStoreUri,
                defaultArtifactRoot,
                serveArtifacts,
                artifactsDestination,
                artifactsOnly,
                staticPrefix,
                workers,
                ArtifactSettings.none());
    }

    /** The embedded default: SQLite and a local artifact folder in the working directory. */
    public static ServerConfig embeddedDefault() {
        return new ServerConfig(
                "127.0.0.1", 5000, URI.create("sqlite:///mlflow.db"), null, true, "./mlartifacts", false, "", 8);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(
                host,
                newPort,
                backendStoreUri,
                defaultArtifactRoot,
                serveArtifacts,
                artifactsDestination,
                artifactsOnly,
                staticPrefix,
                workers,
                artifactSettings);
    }

    public ServerConfig withBackendStoreUri(URI uri) {
        return new ServerConfig(
                host,
                port,
                uri,
                defaultArtifactRoot,
                serveArtifacts,
                artifactsDestination,
                artifactsOnly,
                staticPrefix,
                workers,
                artifactSettings);
    }

    /** The same server with other artifact flags ({@code --default-artifact-root}, {@code --serve-artifacts}, …). */
    public ServerConfig withArtifacts(
            String newDefaultArtifactRoot,
            boolean newServeArtifacts,
            String newArtifactsDestination,
            boolean newArtifactsOnly) {
        return new ServerConfig(
                host,
                port,
                backendStoreUri,
                newDefaultArtifactRoot,
                newServeArtifacts,
                newArtifactsDestination,
                newArtifactsOnly,
                staticPrefix,
                workers,
                artifactSettings);
    }

    public ServerConfig withArtifactSettings(ArtifactSettings settings) {
        return new ServerConfig(
                host,
                port,
                backendStoreUri,
                defaultArtifactRoot,
                serveArtifacts,
                artifactsDestination,
                artifactsOnly,
                staticPrefix,
                workers,
                settings);
    }
}

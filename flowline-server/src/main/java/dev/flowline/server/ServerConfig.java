package dev.flowline.server;

import dev.flowline.core.artifacts.ArtifactSettings;
import dev.flowline.core.gateway.GatewaySettings;
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
 * @param gateway              the deployments server the web UI's gateway proxy forwards to, read from the environment by the CLI
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
        ArtifactSettings artifactSettings,
        GatewaySettings gateway) {

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(backendStoreUri, "backendStoreUri");
        Objects.requireNonNull(artifactsDestination, "artifactsDestination");
        Objects.requireNonNull(staticPrefix, "staticPrefix");
        Objects.requireNonNull(artifactSettings, "artifactSettings");
        Objects.requireNonNull(gateway, "gateway");
    }

    /** A configuration without artifact-store settings and without a deployments server. */
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
                ArtifactSettings.none(),
                GatewaySettings.none());
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
                artifactSettings,
                gateway);
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
                artifactSettings,
                gateway);
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
                artifactSettings,
                gateway);
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
                settings,
                gateway);
    }

    /** The same server with another deployments server for the gateway proxy. */
    public ServerConfig withGateway(GatewaySettings newGateway) {
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
                artifactSettings,
                newGateway);
    }
}

package dev.flowline.server;

import dev.flowline.core.artifacts.ArtifactSettings;
import dev.flowline.core.gateway.GatewaySettings;
import java.net.URI;
import java.util.Objects;
import java.util.function.Consumer;

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
        return with(b -> b.port = newPort);
    }

    public ServerConfig withBackendStoreUri(URI uri) {
        return with(b -> b.backendStoreUri = uri);
    }

    /** The same server with other artifact flags ({@code --default-artifact-root}, {@code --serve-artifacts}, …). */
    public ServerConfig withArtifacts(
            String newDefaultArtifactRoot,
            boolean newServeArtifacts,
            String newArtifactsDestination,
            boolean newArtifactsOnly) {
        return with(b -> {
            b.defaultArtifactRoot = newDefaultArtifactRoot;
            b.serveArtifacts = newServeArtifacts;
            b.artifactsDestination = newArtifactsDestination;
            b.artifactsOnly = newArtifactsOnly;
        });
    }

    public ServerConfig withArtifactSettings(ArtifactSettings settings) {
        return with(b -> b.artifactSettings = settings);
    }

    /** The same server with another deployments server for the gateway proxy. */
    public ServerConfig withGateway(GatewaySettings newGateway) {
        return with(b -> b.gateway = newGateway);
    }

    /** A copy with the settings {@code change} sets on a builder started from this configuration. */
    private ServerConfig with(Consumer<Builder> change) {
        Builder builder = new Builder(this);
        change.accept(builder);
        return builder.build();
    }

    /** A copy of a configuration to change one setting of, so that each {@code with…} names only what it changes. */
    private static final class Builder {
        private final String host;
        private int port;
        private URI backendStoreUri;
        private String defaultArtifactRoot;
        private boolean serveArtifacts;
        private String artifactsDestination;
        private boolean artifactsOnly;
        private final String staticPrefix;
        private final int workers;
        private ArtifactSettings artifactSettings;
        private GatewaySettings gateway;

        Builder(ServerConfig config) {
            host = config.host;
            port = config.port;
            backendStoreUri = config.backendStoreUri;
            defaultArtifactRoot = config.defaultArtifactRoot;
            serveArtifacts = config.serveArtifacts;
            artifactsDestination = config.artifactsDestination;
            artifactsOnly = config.artifactsOnly;
            staticPrefix = config.staticPrefix;
            workers = config.workers;
            artifactSettings = config.artifactSettings;
            gateway = config.gateway;
        }

        ServerConfig build() {
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
                    gateway);
        }
    }
}

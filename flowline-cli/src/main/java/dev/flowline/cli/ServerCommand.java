package dev.flowline.cli;

import dev.flowline.core.artifacts.ArtifactSettings;
import dev.flowline.core.gateway.GatewaySettings;
import dev.flowline.server.FlowlineServer;
import dev.flowline.server.ServerConfig;
import java.net.URI;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code flowline server}: the tracking server, with {@code mlflow server}'s flags. */
@Command(name = "server", description = "Run the tracking server (REST API, model registry, artifact proxy).")
final class ServerCommand implements Callable<Integer> {

    // No standard -h: as in `mlflow server`, -h is --host.
    @Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(
            names = "--backend-store-uri",
            paramLabel = "URI",
            description =
                    "Where runs and experiments are stored: sqlite:///path, postgresql://…, mysql://… (default: ${DEFAULT-VALUE})")
    URI backendStoreUri = URI.create("sqlite:///mlflow.db");

    @Option(
            names = {"-h", "--host"},
            description = "Interface to listen on (default: ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(
            names = {"-p", "--port"},
            description = "Port to listen on (default: ${DEFAULT-VALUE})")
    int port = 5000;

    @Option(
            names = {"-w", "--workers"},
            paramLabel = "N",
            description =
                    "Database connections, and so how much database work runs at once (default: ${DEFAULT-VALUE}); "
                            + "requests themselves run on virtual threads")
    int workers = 8;

    @Option(names = "--static-prefix", paramLabel = "PREFIX", description = "Path prefix for every route, e.g. /mlflow")
    String staticPrefix = "";

    @Option(
            names = "--default-artifact-root",
            paramLabel = "URI",
            description =
                    "Artifact root for new experiments (default: mlflow-artifacts:/ when serving artifacts, else ./mlruns)")
    String defaultArtifactRoot;

    @Option(
            names = "--serve-artifacts",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Proxy artifact uploads and downloads through this server (default: on)")
    boolean serveArtifacts;

    @Option(
            names = "--artifacts-destination",
            paramLabel = "URI",
            description = "Where the artifact proxy stores files (default: ${DEFAULT-VALUE})")
    String artifactsDestination = "./mlartifacts";

    @Option(names = "--artifacts-only", description = "Serve only the artifact proxy; tracking endpoints answer 503")
    boolean artifactsOnly;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this),
                    "Invalid value for option '--port': " + port + " is not a port number (0-65535)");
        }
        if (workers < 1) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "Invalid value for option '--workers': must be at least 1");
        }
        String prefix = normalisePrefix(staticPrefix);
        ServerConfig config = new ServerConfig(
                host,
                port,
                backendStoreUri,
                defaultArtifactRoot,
                serveArtifacts,
                artifactsDestination,
                artifactsOnly,
                prefix,
                workers,
                ArtifactSettings.from(System.getenv()),
                GatewaySettings.from(System.getenv()));
        FlowlineServer server = FlowlineServer.start(config);
        StartupCacheMarker.serverStarted(System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "flowline-shutdown"));
        stopped.await();
        return 0;
    }

    private static String normalisePrefix(String prefix) {
        if (prefix == null || prefix.isBlank() || prefix.equals("/")) {
            return "";
        }
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }
}

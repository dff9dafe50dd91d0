package dev.flowline.server.artifacts;

import dev.flowline.core.artifacts.ArtifactSettings;
import dev.flowline.server.FlowlineServer;
import dev.flowline.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** A server proxying artifacts to a local destination in a temporary directory, for tests on raw connections. */
abstract class RawConnectionServerTest {
    static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts/";

    @TempDir
    static Path directory;

    static FlowlineServer server;

    @BeforeAll
    static void startServer() {
        server = FlowlineServer.start(ServerConfig.embeddedDefault()
                .withPort(0)
                .withBackendStoreUri(URI.create("sqlite:///" + directory.resolve("mlflow.db")))
                .withArtifacts(null, true, directory.resolve("mlartifacts").toString(), false)
                .withArtifactSettings(ArtifactSettings.none()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Where the proxy keeps the artifact at {@code path}. */
    static Path stored(String path) {
        return directory.resolve("mlartifacts").resolve(path);
    }

    /** Puts an artifact straight into the proxy's destination. */
    static void store(String path, byte[] content) throws IOException {
        Files.createDirectories(stored(path).getParent());
        Files.write(stored(path), content);
    }
}

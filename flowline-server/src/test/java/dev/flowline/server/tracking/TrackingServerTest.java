package dev.flowline.server.tracking;

import dev.flowline.server.FlowlineServer;
import dev.flowline.server.ServerConfig;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Starts one real server per test class, on a free port and a fresh SQLite file. */
public abstract class TrackingServerTest {
    @TempDir
    static Path directory;

    protected static FlowlineServer server;
    protected static ApiClient api;

    @BeforeAll
    static void startServer() {
        URI backend = URI.create("sqlite:///" + directory.resolve("mlflow.db").toAbsolutePath());
        server = FlowlineServer.start(ServerConfig.embeddedDefault().withPort(0).withBackendStoreUri(backend));
        api = new ApiClient(server.port());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    protected static String trackingUri() {
        return "http://127.0.0.1:" + server.port();
    }
}

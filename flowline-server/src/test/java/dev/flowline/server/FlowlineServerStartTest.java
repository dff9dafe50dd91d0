package dev.flowline.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowline.core.error.FlowlineException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowlineServerStartTest {
    @TempDir
    Path directory;

    @Test
    void startingOnAPortInUseFailsInsteadOfServingNothing() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            ServerConfig config = ServerConfig.embeddedDefault()
                    .withPort(taken.getLocalPort())
                    .withBackendStoreUri(URI.create("sqlite:///" + directory.resolve("mlflow.db")));

            assertThatThrownBy(() -> FlowlineServer.start(config))
                    .isInstanceOf(FlowlineException.class)
                    .hasMessageContaining("Cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }
}

package dev.flowline.server.artifacts;

import dev.flowline.server.FlowlineServer;
import dev.flowline.server.ServerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** A server for {@link LargeArtifactTest}'s separate, heap-capped JVM: prints its port, runs until killed. */
public final class SmallHeapServerMain {
    private SmallHeapServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        Path directory = Path.of(args[0]);
        FlowlineServer server = FlowlineServer.start(ServerConfig.embeddedDefault()
                .withPort(0)
                .withBackendStoreUri(
                        URI.create("sqlite:///" + directory.resolve("mlflow.db").toAbsolutePath()))
                .withArtifacts(null, true, directory.resolve("mlartifacts").toString(), false));
        System.out.println("PORT " + server.port());
        System.out.flush();
        new CountDownLatch(1).await();
    }
}

package dev.flowline.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every benchmark takes to start its {@code flowline server} process (a picocli mixin). */
final class ServerOptions {
    @Option(
            names = "--flowline",
            description = "The flowline command that starts the server, as users start it (default: ${DEFAULT-VALUE})")
    Path flowline = Path.of("flowline");

    @Option(
            names = "--backend-store-uri",
            description = "Backend store; default a new SQLite file in the work directory")
    String backendStoreUri;

    @Option(names = "--work-dir", description = "Directory the server runs in (default: a new temporary one)")
    Path workDir;

    @Option(names = "--port", description = "Port for the server (default: ${DEFAULT-VALUE})")
    int port = 5099;

    @Option(names = "--server-java-opts", description = "FLOWLINE_JAVA_OPTS for the server, e.g. for profiling")
    String serverJavaOpts = "";

    /** The work directory, created if needed. */
    Path directory() throws IOException {
        return workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("flowline-bench");
    }

    /** The backend store URI, by default a SQLite file named {@code fileName} in the directory. */
    String store(Path dir, String fileName) {
        return backendStoreUri != null ? backendStoreUri : "sqlite:///" + dir.resolve(fileName);
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The command that runs {@code flowline server} on the store, working in {@code dir}. */
    List<String> command(String store, Path dir) {
        return List.of(
                flowline.toAbsolutePath().toString(),
                "server",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--backend-store-uri",
                store,
                "--artifacts-destination",
                dir.resolve("artifacts").toString());
    }

    /** Starts the server process on the store. */
    ServerProcess start(String store, Path dir, Path log) {
        return ServerProcess.start(command(store, dir), serverJavaOpts, base(), log);
    }

    /** The store URI with any password hidden, for printing. */
    static String redacted(String store) {
        return store.replaceAll("//[^@/]*@", "//***@");
    }
}

package dev.flowline.bench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bench tracking}: starts {@code flowline server} as a separate process on the given backend store and
 * runs issue 2's tracking workloads against it.
 */
@Command(name = "tracking", mixinStandardHelpOptions = true,
        description = "Tracking API throughput, search and history latency, start time and memory of a server process.")
final class TrackingBench implements Callable<Integer> {
    @Option(names = "--server-jar", description = "The flowline jar (default: ${DEFAULT-VALUE})")
    Path serverJar = Path.of("flowline-cli/target/flowline.jar");

    @Option(names = "--backend-store-uri", description = "Backend store; default a new SQLite file in the work directory")
    String backendStoreUri;

    @Option(names = "--work-dir", description = "Directory the server runs in (default: a new temporary one)")
    Path workDir;

    @Option(names = "--port", description = "Port for the server (default: ${DEFAULT-VALUE})")
    int port = 5099;

    @Option(names = "--rounds", description = "Rounds per throughput scenario (default: ${DEFAULT-VALUE})")
    int rounds = 3;

    @Option(names = "--search-runs", description = "Runs in the search experiment (default: ${DEFAULT-VALUE})")
    int searchRuns = 10_000;

    @Option(names = "--history-steps", description = "Points per metric in the history scenarios (default: ${DEFAULT-VALUE})")
    int historySteps = 100_000;

    @Option(names = "--server-jvm-option", description = "Extra JVM option for the server, e.g. for profiling (repeatable)")
    List<String> serverJvmOptions = new ArrayList<>();

    @Option(names = "--only", description = "Run only the throughput scenarios (log-batch, log-metric, create-run), not search and history")
    boolean throughputOnly;

    @Override
    public Integer call() throws Exception {
        Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("flowline-bench");
        String store = backendStoreUri != null ? backendStoreUri : "sqlite:///" + dir.resolve("bench.db");
        URI base = URI.create("http://127.0.0.1:" + port);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        command.addAll(serverJvmOptions);
        command.addAll(List.of("-jar", serverJar.toAbsolutePath().toString(), "server",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--backend-store-uri", store,
                "--artifacts-destination", dir.resolve("artifacts").toString()));
        System.out.println("Backend store: " + store.replaceAll("//[^@/]*@", "//***@"));
        List<Double> starts = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            try (ServerProcess warm = ServerProcess.start(command, base, dir.resolve("server-start.log"))) {
                starts.add(warm.startMillis());
            }
        }
        try (ServerProcess server = ServerProcess.start(command, base, dir.resolve("server.log"))) {
            TrackingScenarios scenarios = new TrackingScenarios(new Api(base), rounds);
            scenarios.record("start to first /health 200 (existing store)", starts, "ms");
            scenarios.record("idle RSS after start", List.of(server.rssMiB()), "MiB");
            scenarios.record("keep-alive honoured (100 requests on one connection)",
                    List.of(KeepAlive.honoured(base, 100) ? 1.0 : 0.0), "(1 = yes)");
            scenarios.logBatchOneClient(100);
            scenarios.logBatchEightClients(100);
            scenarios.logMetricCalls(2000);
            scenarios.createRunAndLog(500);
            if (throughputOnly) {
                return 0;
            }
            String experimentId = scenarios.searchExperiment(searchRuns);
            scenarios.search(experimentId, searchRuns, 20);
            List<String> longRuns = scenarios.longRuns(10, historySteps);
            scenarios.fullHistory(longRuns.getFirst(), historySteps, 10);
            scenarios.bulkInterval(longRuns, 20);
            scenarios.record("idle RSS after the load", List.of(server.rssMiB()), "MiB");
            scenarios.record("peak RSS", List.of(server.peakRssMiB()), "MiB");
            Files.write(dir.resolve("results.md"), scenarios.results());
            System.out.println("Results in " + dir.resolve("results.md"));
        }
        return 0;
    }
}

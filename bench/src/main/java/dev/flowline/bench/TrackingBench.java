package dev.flowline.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench tracking}: starts {@code flowline server} as a separate process on the given backend store and
 * runs issue 2's tracking workloads against it.
 */
@Command(
        name = "tracking",
        mixinStandardHelpOptions = true,
        description = "Tracking API throughput, search and history latency, start time and memory of a server process.")
final class TrackingBench implements Callable<Integer> {
    private static final long REST_AFTER_START_MILLIS = 12_000;

    @Mixin
    ServerOptions server;

    @Option(
            names = "--rounds",
            description = "Counted rounds per throughput scenario, and server starts timed (default: ${DEFAULT-VALUE})")
    int rounds = 5;

    @Option(
            names = "--warmup-rounds",
            description = "Rounds run before each throughput scenario's counted ones (default: ${DEFAULT-VALUE})")
    int warmupRounds = 1;

    @Option(names = "--search-runs", description = "Runs in the search experiment (default: ${DEFAULT-VALUE})")
    int searchRuns = 10_000;

    @Option(
            names = "--history-steps",
            description = "Points per metric in the history scenarios (default: ${DEFAULT-VALUE})")
    int historySteps = 100_000;

    /** The groups of scenarios a run can pick, e.g. only the reads over a large experiment. */
    enum Workload {
        throughput,
        search,
        history
    }

    @Option(
            names = "--workloads",
            split = ",",
            description = "Scenario groups to run, of ${COMPLETION-CANDIDATES} (default: all)")
    Set<Workload> workloads = EnumSet.allOf(Workload.class);

    @Option(
            names = "--after-setup",
            description = "Shell command run after a workload's data is set up and before it is timed, e.g. an "
                    + "ANALYZE of a PostgreSQL store whose server runs without autovacuum")
    String afterSetup;

    @Override
    public Integer call() throws Exception {
        Path dir = server.directory();
        String store = server.store(dir, "bench.db");
        URI base = server.base();
        System.out.println("Backend store: " + ServerOptions.redacted(store));
        List<Double> starts = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            try (ServerProcess warm = server.start(store, dir, dir.resolve("server-start.log"))) {
                starts.add(warm.startMillis());
            }
        }
        try (ServerProcess process = server.start(store, dir, dir.resolve("server.log"))) {
            TrackingScenarios scenarios = new TrackingScenarios(new Api(base), warmupRounds, rounds);
            scenarios.record("start to first /health 200 (existing store)", starts, "ms");
            scenarios.record("idle RSS after start", List.of(process.rssMiB()), "MiB");
            // The JVM hands the memory of its start-up compilations back to malloc, and trims malloc, every 5 s:
            // a server at rest holds less than one that has just started (bench/RESULTS.md, idle memory).
            Thread.sleep(REST_AFTER_START_MILLIS);
            scenarios.record(
                    "idle RSS " + REST_AFTER_START_MILLIS / 1000 + " s after start", List.of(process.rssMiB()), "MiB");
            scenarios.record(
                    "keep-alive honoured (100 requests on one connection)",
                    List.of(KeepAlive.honoured(base, 100) ? 1.0 : 0.0),
                    "(1 = yes)");
            if (workloads.contains(Workload.throughput)) {
                scenarios.logBatchOneClient(100);
                scenarios.logBatchEightClients(100);
                scenarios.logMetricCalls(2000);
                scenarios.createRunAndLog(500);
            }
            if (workloads.contains(Workload.search)) {
                String experimentId = scenarios.searchExperiment(searchRuns);
                afterSetup();
                scenarios.search(experimentId, searchRuns, 20);
            }
            if (workloads.contains(Workload.history)) {
                List<String> longRuns = scenarios.longRuns(10, historySteps);
                afterSetup();
                scenarios.fullHistory(longRuns.getFirst(), historySteps, 10);
                scenarios.bulkInterval(longRuns, 20);
            }
            scenarios.record("idle RSS after the load", List.of(process.rssMiB()), "MiB");
            scenarios.record("peak RSS", List.of(process.peakRssMiB()), "MiB");
            Files.write(dir.resolve("results.md"), scenarios.results());
            System.out.println("Results in " + dir.resolve("results.md"));
        }
        return 0;
    }

    private void afterSetup() throws IOException, InterruptedException {
        if (afterSetup == null) {
            return;
        }
        int exit =
                new ProcessBuilder("sh", "-c", afterSetup).inheritIO().start().waitFor();
        if (exit != 0) {
            throw new IOException("--after-setup command exited with " + exit + ": " + afterSetup);
        }
    }
}

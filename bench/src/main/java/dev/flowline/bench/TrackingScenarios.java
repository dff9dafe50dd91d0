package dev.flowline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleSupplier;
import java.util.function.IntConsumer;

/** The tracking workloads of the benchmark, each measured over several rounds. */
final class TrackingScenarios {
    private static final String RUNS = "/api/2.0/mlflow/runs/";

    private final Api api;
    private final int warmups;
    private final int rounds;
    private final List<String> results = new ArrayList<>();

    TrackingScenarios(Api api, int warmups, int rounds) {
        this.api = api;
        this.warmups = warmups;
        this.rounds = rounds;
    }

    /**
     * The counted rounds of a throughput measurement, after {@code warmups} rounds that are not counted: the server's
     * JIT compiler takes most of a core for its first seconds under a new workload, which would otherwise be measured
     * as the first rounds' throughput.
     */
    private List<Double> rounds(DoubleSupplier measurement) {
        Stats.repeat(warmups, measurement);
        return Stats.repeat(rounds, measurement);
    }

    List<String> results() {
        return results;
    }

    void record(String name, List<Double> values, String unit) {
        String line = Stats.line(name, values, unit);
        results.add(line);
        System.out.println(line);
    }

    String experiment(String prefix) {
        return api.post(
                        "/api/2.0/mlflow/experiments/create",
                        TrackingPayloads.createExperiment(prefix + "-" + UUID.randomUUID()))
                .json()
                .path("experiment_id")
                .asText();
    }

    String run(String experimentId) {
        return TrackingPayloads.runId(api.post(RUNS + "create", TrackingPayloads.createRun(experimentId))
                .json());
    }

    /** One client sending 1000-metric batches. */
    void logBatchOneClient(int batches) {
        String runId = run(experiment("batch1000"));
        long[] step = {0};
        record(
                "log-batch, 1 client, 1000 metrics per batch",
                rounds(() -> {
                    // Bodies are built before the timing starts: the client shares the server's cores.
                    List<byte[]> bodies = new ArrayList<>(batches);
                    for (int b = 0; b < batches; b++) {
                        bodies.add(TrackingPayloads.bytes(TrackingPayloads.metricBatch(runId, 1000, 100, step[0])));
                        step[0] += 10;
                    }
                    double ms = Stats.millis(() -> bodies.forEach(body -> api.post(RUNS + "log-batch", body)));
                    return batches * 1000 / (ms / 1000);
                }),
                "metrics/s");
    }

    /** Eight clients, each on its own run, sending 100-metric batches. */
    void logBatchEightClients(int batchesPerClient) {
        String experimentId = experiment("batch100x8");
        List<String> runs = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            runs.add(run(experimentId));
        }
        long[] steps = new long[8];
        record(
                "log-batch, 8 clients, 100 metrics per batch",
                rounds(() -> {
                    List<List<byte[]>> bodies = new ArrayList<>();
                    for (int client = 0; client < 8; client++) {
                        List<byte[]> mine = new ArrayList<>(batchesPerClient);
                        for (int b = 0; b < batchesPerClient; b++) {
                            mine.add(TrackingPayloads.bytes(
                                    TrackingPayloads.metricBatch(runs.get(client), 100, 10, steps[client])));
                            steps[client] += 10;
                        }
                        bodies.add(mine);
                    }
                    double ms = Stats.millis(() -> parallel(
                            8, client -> bodies.get(client).forEach(body -> api.post(RUNS + "log-batch", body))));
                    return 8.0 * batchesPerClient * 100 / (ms / 1000);
                }),
                "metrics/s");
    }

    /** One client calling log-metric once per value. */
    void logMetricCalls(int calls) {
        String runId = run(experiment("single"));
        List<Double> latencies = new ArrayList<>();
        long[] step = {0};
        record(
                "log-metric, single calls, 1 client",
                rounds(() -> {
                    List<byte[]> bodies = new ArrayList<>(calls);
                    for (int i = 0; i < calls; i++) {
                        bodies.add(TrackingPayloads.bytes(TrackingPayloads.logMetric(runId, i, step[0]++)));
                    }
                    double ms = Stats.millis(() -> bodies.forEach(
                            body -> latencies.add(Stats.millis(() -> api.post(RUNS + "log-metric", body)))));
                    return calls / (ms / 1000);
                }),
                "calls/s");
        List<Double> counted = latencies.subList(warmups * calls, latencies.size());
        record("log-metric, single calls, p50 latency", List.of(Stats.median(counted)), "ms");
    }

    /** One client creating runs and logging one batch (5 metrics, 5 params, 5 tags) to each. */
    void createRunAndLog(int runsPerRound) {
        String experimentId = experiment("create");
        Random random = new Random(1);
        record(
                "create-run + log-batch, 1 client",
                rounds(() -> {
                    double ms = Stats.millis(() -> {
                        for (int i = 0; i < runsPerRound; i++) {
                            api.post(RUNS + "log-batch", TrackingPayloads.searchRunBatch(run(experimentId), random));
                        }
                    });
                    return runsPerRound / (ms / 1000);
                }),
                "runs/s");
    }

    /** Fills an experiment with runs of 5 params, 5 metrics and 5 tags, from 8 clients. */
    String searchExperiment(int runs) {
        String experimentId = experiment("search");
        double ms = Stats.millis(() -> parallel(8, client -> {
            Random random = new Random(client);
            for (int i = client; i < runs; i += 8) {
                api.post(RUNS + "log-batch", TrackingPayloads.searchRunBatch(run(experimentId), random));
            }
        }));
        System.out.printf("(set up %d runs for search in %.1f s)%n", runs, ms / 1000);
        return experimentId;
    }

    void search(String experimentId, int runs, int repetitions) {
        String label = "search " + runs + " runs";
        record(
                label + ": first 1000, no filter",
                latencies(
                        repetitions,
                        () -> api.post(
                                RUNS + "search", TrackingPayloads.searchRuns(experimentId, null, null, 1000, null))),
                "ms");
        record(
                label + ": metrics.m1 < 0.5 and params.p1 = 'a', by metrics.m2 DESC, 100",
                latencies(
                        repetitions,
                        () -> api.post(
                                RUNS + "search",
                                TrackingPayloads.searchRuns(
                                        experimentId,
                                        "metrics.m1 < 0.5 and params.p1 = 'a'",
                                        "metrics.m2 DESC",
                                        100,
                                        null))),
                "ms");
        record(
                label + ": ordered by params.p2, 1000",
                latencies(
                        repetitions,
                        () -> api.post(
                                RUNS + "search",
                                TrackingPayloads.searchRuns(experimentId, null, "params.p2 ASC", 1000, null))),
                "ms");
        int pagings = Math.max(3, repetitions / 4);
        Stats.repeat(warmups * pagings, () -> pageThroughAll(experimentId, runs));
        record(
                label + ": paging through all, 1000 per page",
                Stats.repeat(pagings, () -> pageThroughAll(experimentId, runs)),
                "ms");
    }

    /**
     * Milliseconds to page through the experiment: each page until its last byte is received; reading the next
     * page's token from it is not counted.
     */
    private double pageThroughAll(String experimentId, int runs) {
        double ms = 0;
        String token = null;
        int seen = 0;
        do {
            String pageToken = token;
            HttpResponse[] response = new HttpResponse[1];
            ms += Stats.millis(() -> response[0] =
                    api.post(RUNS + "search", TrackingPayloads.searchRuns(experimentId, null, null, 1000, pageToken)));
            JsonNode page = response[0].json();
            seen += page.path("runs").size();
            token = page.hasNonNull("next_page_token")
                    ? page.path("next_page_token").asText()
                    : null;
        } while (token != null);
        if (seen != runs) {
            throw new IllegalStateException("paging saw " + seen + " runs, expected " + runs);
        }
        return ms;
    }

    /**
     * The latencies of {@code repetitions} calls, after {@code warmups} times as many that are not counted (a fresh
     * server's first calls of a kind run interpreted code while the JIT compiles it). A call's time ends when the
     * last byte of its response is received; parsing the response in this client is not the server's time.
     */
    private List<Double> latencies(int repetitions, java.util.function.Supplier<HttpResponse> call) {
        DoubleSupplier timed = () -> Stats.millis(call::get);
        Stats.repeat(warmups * repetitions, timed);
        return Stats.repeat(repetitions, timed);
    }

    /** Runs with {@code steps} points of metric {@code loss} each, logged in 1000-point batches from 8 clients. */
    List<String> longRuns(int count, int steps) {
        String experimentId = experiment("history");
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(run(experimentId));
        }
        // Each run is logged by one client in step order, as a training job logs it.
        double ms = Stats.millis(() -> parallel(8, client -> {
            for (int r = client; r < count; r += 8) {
                for (long first = 0; first < steps; first += 1000) {
                    api.post(RUNS + "log-batch", TrackingPayloads.metricBatch(runs.get(r), 1000, 1, first));
                }
            }
        }));
        System.out.printf("(set up %d runs of %d steps in %.1f s)%n", count, steps, ms / 1000);
        return runs;
    }

    void fullHistory(String runId, int steps, int repetitions) {
        String history = "/api/2.0/mlflow/metrics/get-history?run_id=" + runId + "&metric_key=m0";
        int points = api.get(history).json().path("metrics").size();
        if (points != steps) {
            throw new IllegalStateException("history had " + points + " points, expected " + steps);
        }
        record("get-history, full " + steps + "-point metric", latencies(repetitions, () -> api.get(history)), "ms");
    }

    void bulkInterval(List<String> runs, int repetitions) {
        StringBuilder query = new StringBuilder(
                "/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval?metric_key=m0&max_results=320");
        runs.forEach(r -> query.append("&run_ids=").append(URLEncoder.encode(r, StandardCharsets.UTF_8)));
        record(
                "get-history-bulk-interval, 320 points x " + runs.size() + " runs",
                latencies(repetitions, () -> api.get(query.toString())),
                "ms");
    }

    /** Runs the body on {@code clients} threads at once and waits for all of them. */
    static void parallel(int clients, IntConsumer body) {
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> body.accept(client)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.flowline.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench registry}: starts {@code flowline server} as a separate process, registers many models with
 * versions, tags and aliases over the REST API, then measures registry search and get-by-alias latency.
 */
@Command(
        name = "registry",
        mixinStandardHelpOptions = true,
        description = "Model registry search and alias lookup latency against a server process.")
final class RegistryBench implements Callable<Integer> {
    private static final String MODELS = "/api/2.0/mlflow/registered-models/";
    private static final String VERSIONS = "/api/2.0/mlflow/model-versions/";

    @Mixin
    ServerOptions server;

    @Option(names = "--models", description = "Registered models to create (default: ${DEFAULT-VALUE})")
    int models = 10_000;

    @Option(names = "--versions", description = "Versions per model (default: ${DEFAULT-VALUE})")
    int versions = 10;

    @Option(names = "--repeats", description = "Timed calls per query (default: ${DEFAULT-VALUE})")
    int repeats = 50;

    @Override
    public Integer call() throws Exception {
        Path dir = server.directory();
        String store = server.store(dir, "registry.db");
        URI base = server.base();
        System.out.println("Backend store: " + ServerOptions.redacted(store));
        List<String> results = new ArrayList<>();
        results.add("| scenario | median | every round |");
        results.add("|---|---|---|");
        try (ServerProcess process = server.start(store, dir, dir.resolve("server.log"))) {
            Api api = new Api(base);
            // A store that already holds the models (from an earlier run with --backend-store-uri) is reused.
            if (api.status(MODELS + "get?name=" + modelName(models - 1)) != 200) {
                double seedSeconds = Stats.millis(() -> seed(api)) / 1000;
                results.add(Stats.line(
                        "register " + models + " models × " + versions + " versions, 8 clients",
                        List.of(seedSeconds),
                        "s"));
            }
            String mid = modelName(models / 2);
            time(results, api, "search models, first 100 by name", MODELS + "search?max_results=100");
            time(
                    results,
                    api,
                    "search models, name LIKE prefix (1 % of models)",
                    MODELS + "search?max_results=100&filter=" + query("name LIKE 'model-001%'"));
            time(
                    results,
                    api,
                    "search models, tag filter, newest first",
                    MODELS + "search?max_results=100&filter=" + query("tags.team = 'team-7'") + "&order_by="
                            + query("last_updated_timestamp DESC"));
            time(
                    results,
                    api,
                    "search models, ILIKE substring",
                    MODELS + "search?max_results=100&filter=" + query("name ILIKE '%MODEL-0999%'"));
            time(
                    results,
                    api,
                    "search versions of one model",
                    VERSIONS + "search?filter=" + query("name = '" + mid + "'"));
            time(
                    results,
                    api,
                    "search versions, version_number >= 9 over all models, 1000 results",
                    VERSIONS + "search?max_results=1000&filter=" + query("version_number >= 9"));
            time(results, api, "get registered model (with latest versions)", MODELS + "get?name=" + query(mid));
            time(results, api, "get model version by alias", MODELS + "alias?name=" + query(mid) + "&alias=champion");
            results.add(Stats.line("RSS after the load", List.of(process.rssMiB()), "MiB"));
        }
        Files.write(dir.resolve("results.md"), results);
        results.forEach(System.out::println);
        System.out.println("Results in " + dir.resolve("results.md"));
        return 0;
    }

    private void time(List<String> results, Api api, String name, String pathAndQuery) {
        // Warm-up as many calls as are timed, so a store reused without the registering phase is measured warm too.
        for (int i = 0; i < repeats; i++) {
            api.get(pathAndQuery);
        }
        List<Double> values = Stats.repeat(repeats, () -> Stats.millis(() -> api.get(pathAndQuery)));
        results.add(Stats.line(name, List.of(Stats.median(values)), "ms"));
    }

    private void seed(Api api) {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int client = 0; client < 8; client++) {
                int first = client;
                tasks.add(pool.submit(() -> {
                    for (int m = first; m < models; m += 8) {
                        String name = modelName(m);
                        api.post(
                                MODELS + "create",
                                "{\"name\": " + Api.quote(name) + ", \"tags\": [{\"key\": \"team\", "
                                        + "\"value\": \"team-" + (m % 20) + "\"}]}");
                        for (int v = 0; v < versions; v++) {
                            api.post(
                                    VERSIONS + "create",
                                    "{\"name\": " + Api.quote(name) + ", \"source\": "
                                            + Api.quote("s3://bench/models/" + name + "/" + v) + "}");
                        }
                        api.post(
                                MODELS + "alias",
                                "{\"name\": " + Api.quote(name) + ", \"alias\": \"champion\", " + "\"version\": \""
                                        + versions + "\"}");
                    }
                    return null;
                }));
            }
            for (Future<?> task : tasks) {
                task.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Registering the models failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String modelName(int i) {
        return String.format(Locale.ROOT, "model-%05d", i);
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

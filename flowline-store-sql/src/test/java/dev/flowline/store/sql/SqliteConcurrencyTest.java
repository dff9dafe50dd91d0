package dev.flowline.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowline.core.backend.BackendStore;
import dev.flowline.core.search.RunSearchQuery;
import dev.flowline.core.tracking.Metric;
import dev.flowline.core.tracking.NewRun;
import dev.flowline.core.tracking.Param;
import dev.flowline.core.tracking.RunTag;
import dev.flowline.core.tracking.TrackingStore;
import dev.flowline.core.tracking.ViewType;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteConcurrencyTest {
    @TempDir
    Path directory;

    @Test
    void manyConcurrentWritersAndReadersNeverSeeDatabaseIsLocked() throws Exception {
        int threads = 24;
        int batches = 10;
        try (BackendStore backend =
                        new SqlBackendStoreProvider().open(URI.create("sqlite:///" + directory.resolve("c.db")), 4);
                ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            TrackingStore store = backend.tracking();
            String experimentId = store.createExperiment("concurrent", null, id -> "/a/" + id, List.of(), 1);
            List<Future<String>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                writers.add(pool.submit(() -> {
                    String runId = UUID.randomUUID().toString().replace("-", "");
                    store.createRun(new NewRun(runId, experimentId, "u", null, 1, List.of()), l -> l + "/" + runId);
                    for (int b = 0; b < batches; b++) {
                        List<Metric> metrics = new ArrayList<>();
                        for (int i = 0; i < 50; i++) {
                            metrics.add(new Metric("m" + i, b, b, b));
                        }
                        store.logBatch(
                                runId, metrics, List.of(new Param("p" + b, "v")), List.of(new RunTag("t", "" + b)));
                        store.searchRuns(new RunSearchQuery(
                                List.of(experimentId),
                                Optional.empty(),
                                List.of(),
                                ViewType.ALL,
                                10,
                                Optional.empty()));
                    }
                    return runId;
                }));
            }
            for (Future<String> writer : writers) {
                String runId = writer.get();
                assertThat(store.getRun(runId).orElseThrow().data().params()).hasSize(batches);
                assertThat(store.getMetricHistory(runId, "m7", 1000, Optional.empty())
                                .items())
                        .hasSize(batches);
            }
        }
    }
}

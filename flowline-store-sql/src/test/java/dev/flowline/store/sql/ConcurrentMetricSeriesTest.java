package dev.flowline.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowline.core.backend.BackendStore;
import dev.flowline.core.tracking.Metric;
import dev.flowline.core.tracking.NewRun;
import dev.flowline.core.tracking.TrackingStore;
import dev.flowline.testkit.TestingDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two writers logging the same new key to the same run at the same moment: both must find the one series that
 * either of them numbered (on MySQL a plain select would read its transaction's older snapshot and miss it).
 */
class ConcurrentMetricSeriesTest {
    private static final int KEYS = 40;

    @TempDir
    Path directory;

    @ParameterizedTest
    @MethodSource("dev.flowline.store.sql.OlderSchema#databases")
    void writersLoggingTheSameNewKeyShareItsSeries(String database) throws Exception {
        try (TestingDatabase server = OlderSchema.server(database);
                BackendStore store = new SqlBackendStoreProvider().open(OlderSchema.uri(server, directory), 4)) {
            TrackingStore tracking = store.tracking();
            String experiment = tracking.createExperiment("concurrent", null, id -> "/a/" + id, List.of(), 1);
            String run = "0123456789abcdef0123456789abcdef";
            tracking.createRun(new NewRun(run, experiment, "u", null, 1, List.of()), l -> l + "/" + run);
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<?>> writers = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                for (int w = 0; w < 2; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> {
                        for (int k = 0; k < KEYS; k++) {
                            // A writer that failed leaves the other waiting: the barrier then breaks instead of
                            // hanging.
                            together.await(30, TimeUnit.SECONDS);
                            tracking.logBatch(
                                    run, List.of(new Metric("k" + k, writer, 100, writer)), List.of(), List.of());
                        }
                        return null;
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get();
                }
            }
            for (int k = 0; k < KEYS; k++) {
                assertThat(tracking.getMetricHistory(run, "k" + k, 10, Optional.empty())
                                .items())
                        .extracting(Metric::step)
                        .containsExactly(0L, 1L);
            }
            Map<String, List<Metric>> sampled =
                    tracking.getMetricHistoryBulkInterval(List.of(run), "k0", null, null, 10);
            assertThat(sampled.get(run)).hasSize(2);
        }
    }
}

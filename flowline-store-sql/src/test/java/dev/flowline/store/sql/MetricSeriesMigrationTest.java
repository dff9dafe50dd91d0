package dev.flowline.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowline.core.backend.BackendStore;
import dev.flowline.core.tracking.Metric;
import dev.flowline.core.tracking.TrackingStore;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code flowline db upgrade} from schema 7, where the history was keyed by run id and key name, to 8, where it is
 * keyed by a series number: every run's every key keeps its points, and later points join the same series.
 */
class MetricSeriesMigrationTest {
    private static final List<String> RUNS =
            List.of("0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210");

    @TempDir
    Path directory;

    @ParameterizedTest
    @MethodSource("dev.flowline.store.sql.OlderSchema#databases")
    void dbUpgradeKeepsEachRunsSeriesApart(String database) throws SQLException {
        try (OlderSchema.Older older = OlderSchema.at(database, directory, "7", MetricSeriesMigrationTest::seed)) {
            try (BackendStore store = older.upgradedStore("Migrated schema from 7 to ")) {
                TrackingStore tracking = store.tracking();
                for (int r = 0; r < RUNS.size(); r++) {
                    for (String key : List.of("loss", "acc")) {
                        assertThat(tracking.getMetricHistory(RUNS.get(r), key, 100, Optional.empty())
                                        .items())
                                .extracting(Metric::value)
                                .containsExactly(value(r, key, 0), value(r, key, 1), value(r, key, 2));
                    }
                }
                tracking.logBatch(RUNS.get(1), List.of(new Metric("loss", 9.5, 100, 3)), List.of(), List.of());
                assertThat(tracking.getMetricHistoryBulk(RUNS, "loss", 100))
                        .extracting(m -> m.runId() + "/" + m.metric().step() + "/"
                                + m.metric().value())
                        .containsExactly(
                                RUNS.get(0) + "/0/0.0",
                                RUNS.get(0) + "/1/0.25",
                                RUNS.get(0) + "/2/0.5",
                                RUNS.get(1) + "/0/1.0",
                                RUNS.get(1) + "/1/1.25",
                                RUNS.get(1) + "/2/1.5",
                                RUNS.get(1) + "/3/9.5");
                assertThat(tracking.getMetricHistoryBulkInterval(RUNS, "acc", null, null, 100)
                                .get(RUNS.get(1)))
                        .extracting(Metric::value)
                        .containsExactly(value(1, "acc", 0), value(1, "acc", 1), value(1, "acc", 2));
            }
        }
    }

    /** Distinct per run, key and step, and exact in binary: run + (0.125 for acc) + step / 4. */
    private static double value(int run, String key, int step) {
        return run + (key.equals("acc") ? 0.125 : 0) + step / 4.0;
    }

    /** What schema 7 held: two runs with two keys of three points each. */
    private static void seed(Statement statement) throws SQLException {
        for (int r = 0; r < RUNS.size(); r++) {
            String run = RUNS.get(r);
            statement.execute("INSERT INTO runs (run_id, experiment_id, name, status, start_time,"
                    + " lifecycle_stage) SELECT '" + run + "', experiment_id, 'run" + r + "', 'FINISHED', 1,"
                    + " 'active' FROM experiments");
            for (String key : List.of("loss", "acc")) {
                for (int step = 0; step < 3; step++) {
                    statement.execute("INSERT INTO metrics (run_id, name, step, timestamp_ms, value,"
                            + " value_kind) VALUES ('" + run + "', '" + key + "', " + step + ", 100, "
                            + value(r, key, step) + ", 0)");
                }
                statement.execute("INSERT INTO latest_metrics (run_id, name, step, timestamp_ms, value,"
                        + " value_kind, min_step, dense_steps) VALUES ('" + run + "', '" + key + "', 2, 100, "
                        + value(r, key, 2) + ", 0, 0, 1)");
            }
        }
    }
}

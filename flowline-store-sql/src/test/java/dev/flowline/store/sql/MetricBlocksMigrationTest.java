package dev.flowline.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowline.core.Page;
import dev.flowline.core.backend.BackendStore;
import dev.flowline.core.tracking.Metric;
import dev.flowline.core.tracking.TrackingStore;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code flowline db upgrade} from schema 8, one row per point, to 10, blocks of points: a history longer than the
 * migration's page, with many points at one step, NaN and the infinities, keeps every point in order, pages the same,
 * and takes later points.
 */
class MetricBlocksMigrationTest {
    private static final String RUN = "0123456789abcdef0123456789abcdef";
    /** More than the migration reads per query. */
    private static final int POINTS = 9_000;

    @TempDir
    Path directory;

    @ParameterizedTest
    @MethodSource("dev.flowline.store.sql.OlderSchema#databases")
    void dbUpgradeKeepsEveryPointInOrder(String database) throws SQLException {
        try (OlderSchema.Older older = OlderSchema.at(database, directory, "8", MetricBlocksMigrationTest::seed)) {
            try (BackendStore store = older.upgradedStore("Migrated schema from 8 to 10")) {
                TrackingStore tracking = store.tracking();
                List<Metric> expected = new ArrayList<>();
                for (int i = 0; i < POINTS; i++) {
                    expected.add(point(i));
                }
                expected = MetricBlock.sortedDistinct(expected);
                assertThat(OlderSchema.described(allPages(tracking, "loss", 1_000)))
                        .isEqualTo(OlderSchema.described(expected));
                assertThat(tracking.getMetricHistory(RUN, "acc", 10, Optional.empty())
                                .items())
                        .extracting(Metric::value)
                        .containsExactly(0.75);

                tracking.logBatch(RUN, List.of(new Metric("acc", 0.5, 40, 4)), List.of(), List.of());
                assertThat(tracking.getMetricHistory(RUN, "acc", 10, Optional.empty())
                                .items())
                        .extracting(Metric::value)
                        .containsExactly(0.75, 0.5);
            }
        }
    }

    /** The i-th point seeded: the first 2,000 all at step 0, a few NaN and infinite values among the rest. */
    private static Metric point(int i) {
        double value = switch (i % 1000) {
            case 7 -> Double.NaN;
            case 8 -> Double.POSITIVE_INFINITY;
            case 9 -> Double.NEGATIVE_INFINITY;
            default -> (i % 17) / 4.0;
        };
        return i < 2_000 ? new Metric("loss", value, 1_000 + i, 0) : new Metric("loss", value, 5, i / 3);
    }

    private static List<Metric> allPages(TrackingStore tracking, String key, int pageSize) {
        List<Metric> all = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            Page<Metric> page = tracking.getMetricHistory(RUN, key, pageSize, token);
            all.addAll(page.items());
            token = page.nextPageToken();
        } while (token.isPresent());
        return all;
    }

    /** What schema 8 held: a long history of one key, one point of another. */
    private static void seed(Statement statement) throws SQLException {
        statement.execute("INSERT INTO runs (run_id, experiment_id, name, status, start_time,"
                + " lifecycle_stage) SELECT '" + RUN + "', experiment_id, 'run', 'FINISHED', 1, 'active'"
                + " FROM experiments");
        statement.execute("INSERT INTO metric_series (run_id, name) VALUES ('" + RUN + "', 'loss')");
        statement.execute("INSERT INTO metric_series (run_id, name) VALUES ('" + RUN + "', 'acc')");
        for (int i = 0; i < POINTS; i++) {
            Metric point = point(i);
            statement.addBatch("INSERT INTO metrics (series_id, step, timestamp_ms, value, value_kind)"
                    + " SELECT series_id, " + point.step() + ", " + point.timestamp() + ", "
                    + MetricValues.stored(point.value()) + ", " + MetricValues.kind(point.value())
                    + " FROM metric_series WHERE name = 'loss'");
        }
        statement.addBatch("INSERT INTO metrics (series_id, step, timestamp_ms, value, value_kind)"
                + " SELECT series_id, 3, 30, 0.75, 0 FROM metric_series WHERE name = 'acc'");
        statement.executeBatch();
    }
}

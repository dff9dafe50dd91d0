package dev.flowline.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowline.core.backend.BackendStore;
import dev.flowline.core.tracking.Metric;
import dev.flowline.core.tracking.Param;
import dev.flowline.core.tracking.Run;
import dev.flowline.core.tracking.RunTag;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code flowline db upgrade} from schema 5, where the history kept a point logged twice twice, to 6, where every
 * run-data table is keyed by run and name: what was stored is all there afterwards, a repeated point once.
 */
class ClusteredRunDataMigrationTest {
    private static final String RUN = "0123456789abcdef0123456789abcdef";

    @TempDir
    Path directory;

    @ParameterizedTest
    @MethodSource("dev.flowline.store.sql.OlderSchema#databases")
    void dbUpgradeKeepsEveryRunsDataAndStoresARepeatedPointOnce(String database) throws SQLException {
        try (OlderSchema.Older older = OlderSchema.at(database, directory, "5", ClusteredRunDataMigrationTest::seed)) {
            try (BackendStore store = older.upgradedStore("Migrated schema from 5 to ")) {
                var tracking = store.tracking();
                assertThat(OlderSchema.described(tracking.getMetricHistory(RUN, "loss", 100, Optional.empty())
                                .items()))
                        .containsExactly("0/10/0.5", "1/11/0.25", "1/12/NaN");
                tracking.logBatch(
                        RUN,
                        List.of(new Metric("loss", 0.5, 10, 0), new Metric("loss", 0.75, 13, 2)),
                        List.of(),
                        List.of());
                assertThat(OlderSchema.described(tracking.getMetricHistory(RUN, "loss", 100, Optional.empty())
                                .items()))
                        .containsExactly("0/10/0.5", "1/11/0.25", "1/12/NaN", "2/13/0.75");
                Run run = tracking.getRun(RUN).orElseThrow();
                assertThat(run.data().params()).containsExactly(new Param("lr", "0.1"));
                assertThat(run.data().tags()).contains(new RunTag("team", "a"));
                assertThat(run.data().metrics()).containsExactly(new Metric("loss", 0.75, 13, 2));
            }
        }
    }

    /** What schema 5 held: a run with a param, a tag, and a point stored twice. */
    private static void seed(Statement statement) throws SQLException {
        statement.execute("INSERT INTO runs (run_id, experiment_id, name, status, start_time, lifecycle_stage)"
                + " SELECT '" + RUN + "', experiment_id, 'old-run', 'FINISHED', 1, 'active' FROM experiments");
        statement.execute("INSERT INTO params (run_id, name, value) VALUES ('" + RUN + "', 'lr', '0.1')");
        statement.execute("INSERT INTO tags (run_id, name, value) VALUES ('" + RUN + "', 'team', 'a')");
        for (String point : List.of("0, 10, 0.5, 0", "0, 10, 0.5, 0", "1, 11, 0.25, 0", "1, 12, 0, 1")) {
            statement.execute("INSERT INTO metrics (run_id, name, step, timestamp_ms, value, value_kind)" + " VALUES ('"
                    + RUN + "', 'loss', " + point + ")");
        }
        statement.execute("INSERT INTO latest_metrics (run_id, name, step, timestamp_ms, value, value_kind,"
                + " min_step, dense_steps) VALUES ('" + RUN + "', 'loss', 1, 11, 0.25, 0, 0, 0)");
    }
}

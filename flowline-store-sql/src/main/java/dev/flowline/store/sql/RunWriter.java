package dev.flowline.store.sql;

import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.tracking.DatasetInput;
import dev.flowline.core.tracking.InputTag;
import dev.flowline.core.tracking.LifecycleStage;
import dev.flowline.core.tracking.Metric;
import dev.flowline.core.tracking.Param;
import dev.flowline.core.tracking.RunStates;
import dev.flowline.core.tracking.RunTag;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Writes what is logged to runs: each call is one transaction of JDBC batches. The latest point of every
 * metric is upserted in the same transaction as its history.
 */
final class RunWriter {
    private static final String SELECT_STAGE = "SELECT lifecycle_stage FROM runs WHERE run_id = ?";
    private static final String INSERT_PARAM = "INSERT INTO params (run_id, name, value) VALUES (?, ?, ?)";
    private static final int PARAM_LOOKUP_KEYS = 8;
    private static final String SELECT_PARAMS = "SELECT name, value FROM params WHERE run_id = ? AND name IN ("
            + String.join(", ", Collections.nCopies(PARAM_LOOKUP_KEYS, "?")) + ")";
    /** MLflow's order of "latest": highest step, then timestamp, then value. */
    private static final Comparator<Metric> LATEST_ORDER = Comparator.comparingLong(Metric::step)
            .thenComparingLong(Metric::timestamp)
            .thenComparingDouble(m -> MetricValues.stored(m.value()));

    private static final String NEWER =
            "NEW.step > OLD.step OR (NEW.step = OLD.step AND (NEW.timestamp_ms > OLD.timestamp_ms"
                    + " OR (NEW.timestamp_ms = OLD.timestamp_ms AND NEW.value >= OLD.value)))";

    private final SqlDatabase db;
    private final MetricSeries metricSeries;
    private final String upsertLatest;

    RunWriter(SqlDatabase db) {
        this.db = db;
        this.metricSeries = new MetricSeries(db);
        Map<String, String> shape = new LinkedHashMap<>();
        // Still dense when both were dense and the new points start right after the old highest step.
        shape.put(
                "dense_steps",
                "CASE WHEN OLD.dense_steps = 1 AND NEW.dense_steps = 1 AND NEW.min_step = OLD.step + 1"
                        + " THEN 1 ELSE 0 END");
        shape.put("min_step", db.dialect().least("OLD.min_step", "NEW.min_step"));
        this.upsertLatest = db.dialect()
                .upsertWhen(
                        "latest_metrics",
                        List.of("run_id", "name"),
                        List.of("step", "timestamp_ms", "value", "value_kind"),
                        NEWER,
                        shape);
    }

    void logBatch(String runId, List<Metric> metrics, List<Param> params, List<RunTag> tags) {
        Map<String, Long> learnedSeries = db.write(h -> {
            Connection connection = h.getConnection();
            try {
                requireActive(connection, runId);
                writeParams(connection, runId, params);
                Map<String, Long> learned = writeMetrics(connection, runId, metrics);
                Map<String, String> tagValues = new LinkedHashMap<>();
                tags.forEach(t -> tagValues.put(t.key(), t.value()));
                upsertTags(db, connection, runId, tagValues);
                String runName = tagValues.get(SqlRuns.RUN_NAME_TAG);
                if (runName != null) {
                    h.createUpdate("UPDATE runs SET name = :name WHERE run_id = :runId")
                            .bind("name", runName)
                            .bind("runId", runId)
                            .execute();
                }
                return learned;
            } catch (SQLException e) {
                throw Sql.internal(e);
            }
        });
        metricSeries.remember(runId, learnedSeries);
    }

    private void requireActive(Connection connection, String runId) throws SQLException {
        PreparedStatement select = db.prepared(connection, SELECT_STAGE);
        select.setString(1, runId);
        try (ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                throw SqlRuns.notFound(runId);
            }
            LifecycleStage stage = LifecycleStage.fromWireName(rs.getString(1));
            if (stage != LifecycleStage.ACTIVE) {
                throw RunStates.notActive(runId, stage);
            }
        }
    }

    private void writeParams(Connection connection, String runId, List<Param> params) throws SQLException {
        if (params.isEmpty()) {
            return;
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        for (Param param : params) {
            String earlier = wanted.putIfAbsent(param.key(), param.value());
            if (earlier != null && !earlier.equals(param.value())) {
                throw changedParam(runId, param.key(), earlier, param.value());
            }
        }
        Map<String, String> stored = storedParams(connection, runId, new ArrayList<>(wanted.keySet()));
        PreparedStatement insert = db.prepared(connection, INSERT_PARAM);
        int pending = 0;
        for (Map.Entry<String, String> param : wanted.entrySet()) {
            String old = stored.get(param.getKey());
            if (old == null) {
                insert.setString(1, runId);
                insert.setString(2, param.getKey());
                insert.setString(3, param.getValue());
                insert.addBatch();
                pending++;
            } else if (!old.equals(param.getValue())) {
                throw changedParam(runId, param.getKey(), old, param.getValue());
            }
        }
        if (pending > 0) {
            insert.executeBatch();
        }
    }

    /**
     * The stored values of the run's params among {@code keys}, looked up {@link #PARAM_LOOKUP_KEYS} keys at a time
     * through one kept statement (the lookup through Jdbi, compiled at every call, was an eighth of creating and
     * logging a small run).
     */
    private Map<String, String> storedParams(Connection connection, String runId, List<String> keys)
            throws SQLException {
        return KeyLookup.byKey(
                db.prepared(connection, SELECT_PARAMS),
                PARAM_LOOKUP_KEYS,
                runId,
                keys,
                KeyLookup.ResultSetValue.STRING);
    }

    private static FlowlineException changedParam(String runId, String key, String old, String attempted) {
        return FlowlineException.invalidParameter(
                "Changing param values is not allowed. Param with key='%s' was already"
                        + " logged with value='%s' for run ID='%s'. Attempted logging new value '%s'.",
                key, old, runId, attempted);
    }

    /** Writes the points and the latest values; answers the series numbers it had to look up. */
    private Map<String, Long> writeMetrics(Connection connection, String runId, List<Metric> metrics)
            throws SQLException {
        if (metrics.isEmpty()) {
            return Map.of();
        }
        // The batch's points grouped by key: each key's points become one block.
        Map<String, SeriesBatch> series = new TreeMap<>();
        for (Metric metric : metrics) {
            series.computeIfAbsent(metric.key(), k -> new SeriesBatch()).add(metric);
        }
        MetricSeries.Numbers numbers = metricSeries.numbered(connection, runId, new ArrayList<>(series.keySet()));
        insertBlocks(connection, series, numbers.ids());
        upsertLatestPoints(connection, runId, series);
        return numbers.learned();
    }

    /**
     * One block row per key and {@link MetricBlock#MAX_POINTS} points. A point logged again in a later batch is
     * stored again and dropped when read, as MLflow keeps the same point once.
     */
    private void insertBlocks(Connection connection, Map<String, SeriesBatch> series, Map<String, Long> seriesIds)
            throws SQLException {
        PreparedStatement insert = db.prepared(connection, MetricBlock.INSERT);
        for (Map.Entry<String, SeriesBatch> batch : series.entrySet()) {
            MetricBlock.addRows(
                    insert, seriesIds.get(batch.getKey()), batch.getValue().inHistoryOrder());
        }
        insert.executeBatch();
    }

    /** One row per key: a multi-row upsert may not touch the same row twice. */
    private void upsertLatestPoints(Connection connection, String runId, Map<String, SeriesBatch> series)
            throws SQLException {
        PreparedStatement upsert = db.prepared(connection, upsertLatest);
        for (SeriesBatch batch : series.values()) {
            bindPoint(upsert, runId, batch.latest);
            upsert.setLong(7, batch.dense() ? 1 : 0);
            upsert.setLong(8, batch.minStep());
            upsert.addBatch();
        }
        upsert.executeBatch();
    }

    /** One key's points in a batch: the latest, and whether their steps are consecutive without repeats. */
    private static final class SeriesBatch {
        private Metric latest;
        private final List<Metric> points = new ArrayList<>();
        private List<Metric> ordered;

        void add(Metric metric) {
            latest = latest == null || LATEST_ORDER.compare(metric, latest) >= 0 ? metric : latest;
            points.add(metric);
            ordered = null;
        }

        /** The points in the history's order, each once. */
        List<Metric> inHistoryOrder() {
            if (ordered == null) {
                ordered = MetricBlock.sortedDistinct(points);
            }
            return ordered;
        }

        long minStep() {
            return inHistoryOrder().get(0).step();
        }

        boolean dense() {
            List<Metric> ordered = inHistoryOrder();
            for (int i = 1; i < ordered.size(); i++) {
                if (ordered.get(i).step() != ordered.get(i - 1).step() + 1) {
                    return false;
                }
            }
            return true;
        }
    }

    private static void bindPoint(PreparedStatement statement, String runId, Metric metric) throws SQLException {
        statement.setString(1, runId);
        statement.setString(2, metric.key());
        statement.setLong(3, metric.step());
        statement.setLong(4, metric.timestamp());
        statement.setDouble(5, MetricValues.stored(metric.value()));
        statement.setInt(6, MetricValues.kind(metric.value()));
    }

    /** Sets run tags (overwriting values) in the handle's transaction. */
    static void upsertTags(SqlDatabase db, Handle h, String runId, Map<String, String> tags) {
        try {
            upsertTags(db, h.getConnection(), runId, tags);
        } catch (SQLException e) {
            throw Sql.internal(e);
        }
    }

    private static void upsertTags(SqlDatabase db, Connection connection, String runId, Map<String, String> tags)
            throws SQLException {
        if (tags.isEmpty()) {
            return;
        }
        PreparedStatement upsert =
                db.prepared(connection, db.dialect().upsert("tags", List.of("run_id", "name"), List.of("value")));
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            upsert.setString(1, runId);
            upsert.setString(2, tag.getKey());
            upsert.setString(3, tag.getValue());
            upsert.addBatch();
        }
        upsert.executeBatch();
    }

    /** Records the run's use of datasets, creating each dataset in the run's experiment the first time it is seen. */
    void logInputs(String runId, List<DatasetInput> inputs) {
        db.write(h -> {
            long experimentId = h.createQuery("SELECT experiment_id FROM runs WHERE run_id = :runId")
                    .bind("runId", runId)
                    .mapTo(Long.class)
                    .findFirst()
                    .orElseThrow(() -> SqlRuns.notFound(runId));
            for (DatasetInput input : inputs) {
                String datasetId = datasetId(h, experimentId, input);
                boolean used =
                        h.createQuery("SELECT COUNT(*) FROM inputs WHERE run_id = :runId AND dataset_id = :datasetId")
                                        .bind("runId", runId)
                                        .bind("datasetId", datasetId)
                                        .mapTo(Integer.class)
                                        .one()
                                > 0;
                if (used) {
                    continue;
                }
                String inputId = UUID.randomUUID().toString();
                h.createUpdate(
                                "INSERT INTO inputs (input_id, run_id, dataset_id) VALUES (:inputId, :runId, :datasetId)")
                        .bind("inputId", inputId)
                        .bind("runId", runId)
                        .bind("datasetId", datasetId)
                        .execute();
                for (InputTag tag : input.tags()) {
                    h.execute(
                            db.dialect().upsert("input_tags", List.of("input_id", "name"), List.of("value")),
                            inputId,
                            tag.key(),
                            tag.value());
                }
            }
            return null;
        });
    }

    private static String datasetId(Handle h, long experimentId, DatasetInput input) {
        var dataset = input.dataset();
        return h.createQuery(
                        "SELECT dataset_id FROM datasets WHERE experiment_id = :experimentId AND name = :name AND digest = :digest")
                .bind("experimentId", experimentId)
                .bind("name", dataset.name())
                .bind("digest", dataset.digest())
                .mapTo(String.class)
                .findFirst()
                .orElseGet(() -> {
                    String id = UUID.randomUUID().toString();
                    h.createUpdate("INSERT INTO datasets (dataset_id, experiment_id, name, digest, source_type, source,"
                                    + " dataset_schema, dataset_profile) VALUES (:id, :experimentId, :name, :digest,"
                                    + " :sourceType, :source, :schema, :profile)")
                            .bind("id", id)
                            .bind("experimentId", experimentId)
                            .bind("name", dataset.name())
                            .bind("digest", dataset.digest())
                            .bind("sourceType", dataset.sourceType())
                            .bind("source", dataset.source())
                            .bind("schema", dataset.schema())
                            .bind("profile", dataset.profile())
                            .execute();
                    return id;
                });
    }
}

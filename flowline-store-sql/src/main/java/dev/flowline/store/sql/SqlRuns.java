package dev.flowline.store.sql;

import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.tracking.LifecycleStage;
import dev.flowline.core.tracking.NewRun;
import dev.flowline.core.tracking.Run;
import dev.flowline.core.tracking.RunData;
import dev.flowline.core.tracking.RunInfo;
import dev.flowline.core.tracking.RunStates;
import dev.flowline.core.tracking.RunStatus;
import dev.flowline.core.tracking.RunTag;
import dev.flowline.core.tracking.RunUpdate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;

/** Runs' attributes, their life cycle, and the run-name tag kept in sync with the name. */
final class SqlRuns {
    static final String RUN_NAME_TAG = "mlflow.runName";
    static final String COLUMNS =
            "runs.run_id, runs.experiment_id, runs.name, runs.user_id, runs.status, runs.start_time, runs.end_time,"
                    + " runs.artifact_uri, runs.lifecycle_stage";

    private static final String SELECT_EXPERIMENT =
            "SELECT artifact_location, lifecycle_stage FROM experiments WHERE experiment_id = ?";
    private static final String INSERT_RUN =
            "INSERT INTO runs (run_id, experiment_id, name, user_id, status, start_time,"
                    + " end_time, artifact_uri, lifecycle_stage) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)";

    private final SqlDatabase db;
    private final RunDataLoader loader;

    SqlRuns(SqlDatabase db, RunDataLoader loader) {
        this.db = db;
        this.loader = loader;
    }

    Run create(NewRun run, UnaryOperator<String> artifactUriForExperiment) {
        Map<String, String> tags = new LinkedHashMap<>();
        run.tags().forEach(t -> tags.put(t.key(), t.value()));
        String name = run.runName() != null && !run.runName().isEmpty() ? run.runName() : tags.get(RUN_NAME_TAG);
        if (name != null) {
            tags.put(RUN_NAME_TAG, name);
        }
        RunInfo info = db.write(h -> {
            long experimentId = SqlExperiments.parseId(run.experimentId())
                    .orElseThrow(() -> SqlExperiments.notFound(run.experimentId()));
            try {
                Connection connection = h.getConnection();
                String location = activeExperimentLocation(connection, experimentId, run.experimentId());
                RunInfo created = new RunInfo(
                        run.runId(),
                        run.experimentId(),
                        name,
                        run.userId(),
                        RunStatus.RUNNING,
                        run.startTime(),
                        null,
                        artifactUriForExperiment.apply(location),
                        LifecycleStage.ACTIVE);
                PreparedStatement insert = db.prepared(connection, INSERT_RUN);
                insert.setString(1, created.runId());
                insert.setLong(2, experimentId);
                insert.setString(3, name);
                insert.setString(4, created.userId());
                insert.setString(5, created.status().name());
                insert.setLong(6, run.startTime());
                insert.setString(7, created.artifactUri());
                insert.setString(8, created.lifecycleStage().wireName());
                insert.executeUpdate();
                RunWriter.upsertTags(db, h, run.runId(), tags);
                return created;
            } catch (SQLException e) {
                throw Sql.internal(e);
            }
        });
        List<RunTag> runTags = tags.entrySet().stream()
                .map(e -> new RunTag(e.getKey(), e.getValue()))
                .toList();
        return new Run(info, new RunData(List.of(), List.of(), runTags), List.of());
    }

    /** The artifact location of an experiment runs may be created in; not found or not active is the client's error. */
    private String activeExperimentLocation(Connection connection, long experimentId, String requestedId)
            throws SQLException {
        PreparedStatement select = db.prepared(connection, SELECT_EXPERIMENT);
        select.setLong(1, experimentId);
        try (ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                throw SqlExperiments.notFound(requestedId);
            }
            LifecycleStage stage = LifecycleStage.fromWireName(rs.getString("lifecycle_stage"));
            if (stage != LifecycleStage.ACTIVE) {
                throw RunStates.experimentNotActive(requestedId, stage);
            }
            return rs.getString("artifact_location");
        }
    }

    Optional<Run> get(String runId) {
        return db.readConsistent(h ->
                findInfo(h, runId).map(info -> loader.load(h, List.of(info)).getFirst()));
    }

    Optional<RunInfo> info(String runId) {
        return db.read(h -> findInfo(h, runId));
    }

    RunInfo update(String runId, RunUpdate update) {
        return db.write(h -> {
            RunInfo current = requireInfo(h, runId);
            RunStatus status = update.status() != null ? update.status() : current.status();
            Long endTime = update.endTime() != null ? update.endTime() : current.endTime();
            String name = update.runName() != null ? update.runName() : current.runName();
            h.createUpdate("UPDATE runs SET status = :status, end_time = :endTime, name = :name WHERE run_id = :runId")
                    .bind("status", status.name())
                    .bind("endTime", endTime)
                    .bind("name", name)
                    .bind("runId", runId)
                    .execute();
            if (update.runName() != null) {
                RunWriter.upsertTags(db, h, runId, Map.of(RUN_NAME_TAG, update.runName()));
            }
            return new RunInfo(
                    runId,
                    current.experimentId(),
                    name,
                    current.userId(),
                    status,
                    current.startTime(),
                    endTime,
                    current.artifactUri(),
                    current.lifecycleStage());
        });
    }

    void delete(String runId, long now) {
        setStage(runId, LifecycleStage.DELETED, now);
    }

    void restore(String runId) {
        setStage(runId, LifecycleStage.ACTIVE, null);
    }

    private void setStage(String runId, LifecycleStage stage, Long deletedTime) {
        db.write(h -> {
            int changed = h.createUpdate(
                            "UPDATE runs SET lifecycle_stage = :stage, deleted_time = :deletedTime WHERE run_id = :runId")
                    .bind("stage", stage.wireName())
                    .bind("deletedTime", deletedTime)
                    .bind("runId", runId)
                    .execute();
            if (changed == 0) {
                throw notFound(runId);
            }
            return null;
        });
    }

    void deleteTag(String runId, String key) {
        db.write(h -> {
            requireInfo(h, runId);
            int deleted = h.createUpdate("DELETE FROM tags WHERE run_id = :runId AND name = :key")
                    .bind("runId", runId)
                    .bind("key", key)
                    .execute();
            if (deleted == 0) {
                throw FlowlineException.notFound("No tag with name: %s in run with id %s", key, runId);
            }
            return null;
        });
    }

    static Optional<RunInfo> findInfo(Handle h, String runId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM runs WHERE run_id = :runId")
                .bind("runId", runId)
                .map((rs, ctx) -> readInfo(rs))
                .findFirst();
    }

    static RunInfo requireInfo(Handle h, String runId) {
        return findInfo(h, runId).orElseThrow(() -> notFound(runId));
    }

    static FlowlineException notFound(String runId) {
        return RunStates.notFound(runId);
    }

    static RunInfo readInfo(ResultSet rs) throws SQLException {
        return new RunInfo(
                rs.getString("run_id"),
                Long.toString(rs.getLong("experiment_id")),
                rs.getString("name"),
                rs.getString("user_id"),
                RunStatus.valueOf(rs.getString("status")),
                nullableLong(rs, "start_time"),
                nullableLong(rs, "end_time"),
                rs.getString("artifact_uri"),
                LifecycleStage.fromWireName(rs.getString("lifecycle_stage")));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}

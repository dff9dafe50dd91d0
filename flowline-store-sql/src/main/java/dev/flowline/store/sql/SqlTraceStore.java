package dev.flowline.store.sql;

import dev.flowline.core.Page;
import dev.flowline.core.tracing.TraceDeletion;
import dev.flowline.core.tracing.TraceInfo;
import dev.flowline.core.tracing.TraceSearchQuery;
import dev.flowline.core.tracing.TraceStatus;
import dev.flowline.core.tracing.TraceStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Trace infos with their tags and request metadata on a SQL database. */
public final class SqlTraceStore implements TraceStore {
    private static final String TAGS = "trace_tags";
    private static final String METADATA = "trace_request_metadata";

    private final SqlDatabase db;
    private final TraceSearch search;

    public SqlTraceStore(SqlDatabase db) {
        this.db = db;
        this.search = new TraceSearch(db);
    }

    @Override
    public void startTrace(TraceInfo trace) {
        db.write(h -> {
            h.createUpdate("INSERT INTO trace_info (request_id, experiment_id, timestamp_ms, execution_time_ms, status)"
                            + " VALUES (:id, :experiment, :timestamp, :executionTime, :status)")
                    .bind("id", trace.requestId())
                    .bind("experiment", Long.parseLong(trace.experimentId()))
                    .bind("timestamp", trace.timestampMs())
                    .bind("executionTime", trace.executionTimeMs())
                    .bind("status", trace.status().name())
                    .execute();
            upsert(h, TAGS, trace.requestId(), trace.tags());
            upsert(h, METADATA, trace.requestId(), trace.requestMetadata());
            return null;
        });
    }

    @Override
    public Optional<TraceInfo> endTrace(
            String requestId,
            long endTimestampMs,
            TraceStatus status,
            Map<String, String> requestMetadata,
            Map<String, String> tags) {
        return db.write(h -> {
            // The execution time is computed in the statement, so a concurrent end reads no stale start.
            int updated = h.createUpdate("UPDATE trace_info SET execution_time_ms = :end - timestamp_ms,"
                            + " status = :status WHERE request_id = :id")
                    .bind("end", endTimestampMs)
                    .bind("status", status.name())
                    .bind("id", requestId)
                    .execute();
            if (updated == 0) {
                return Optional.empty();
            }
            upsert(h, TAGS, requestId, tags);
            upsert(h, METADATA, requestId, requestMetadata);
            return get(h, requestId);
        });
    }

    @Override
    public Optional<TraceInfo> getTraceInfo(String requestId) {
        return db.readConsistent(h -> get(h, requestId));
    }

    @Override
    public Page<TraceInfo> searchTraces(TraceSearchQuery query) {
        return search.page(query);
    }

    @Override
    public int deleteTraces(TraceDeletion deletion) {
        var experimentId = SqlExperiments.parseId(deletion.experimentId());
        if (experimentId.isEmpty()) {
            return 0;
        }
        Map<String, Object> binds = new HashMap<>();
        binds.put("experiment", experimentId.getAsLong());
        StringBuilder where = new StringBuilder("WHERE t.experiment_id = :experiment");
        deletion.maxTimestampMillis().ifPresent(max -> {
            where.append(" AND t.timestamp_ms <= :max");
            binds.put("max", max);
        });
        return db.write(h -> {
            List<String> ids;
            if (!deletion.requestIds().isEmpty()) {
                ids = Sql.distinct(deletion.requestIds());
            } else {
                // The oldest first, as MLflow deletes them when a number is given.
                String limit = deletion.maxTraces().isPresent()
                        ? " LIMIT " + deletion.maxTraces().getAsInt()
                        : "";
                ids = h.createQuery("SELECT t.request_id FROM trace_info t " + where
                                + " ORDER BY t.timestamp_ms, t.request_id" + limit)
                        .bindMap(binds)
                        .mapTo(String.class)
                        .list();
            }
            int[] deleted = {0};
            Sql.chunked(
                    ids,
                    chunk -> deleted[0] += h.createUpdate("DELETE FROM trace_info WHERE experiment_id ="
                                    + " :experiment AND request_id IN (" + Sql.names("r", chunk.size()) + ")")
                            .bind("experiment", experimentId.getAsLong())
                            .bindMap(Sql.binds("r", chunk))
                            .execute());
            return deleted[0];
        });
    }

    @Override
    public boolean setTraceTag(String requestId, String key, String value) {
        return db.write(h -> {
            if (!exists(h, requestId)) {
                return false;
            }
            upsert(h, TAGS, requestId, Map.of(key, value));
            return true;
        });
    }

    @Override
    public boolean deleteTraceTag(String requestId, String key) {
        return db.write(h -> h.createUpdate("DELETE FROM trace_tags WHERE request_id = :id AND name = :key")
                        .bind("id", requestId)
                        .bind("key", key)
                        .execute()
                > 0);
    }

    private static Optional<TraceInfo> get(Handle h, String requestId) {
        return TraceRows.load(h, "WHERE t.request_id = :id", Map.of("id", requestId)).stream()
                .findFirst();
    }

    private static boolean exists(Handle h, String requestId) {
        return h.createQuery("SELECT COUNT(*) FROM trace_info WHERE request_id = :id")
                        .bind("id", requestId)
                        .mapTo(Integer.class)
                        .one()
                > 0;
    }

    /** Sets the entries in a key/value table of the trace, replacing the values of keys it has. */
    private void upsert(Handle h, String table, String requestId, Map<String, String> entries) {
        if (entries.isEmpty()) {
            return;
        }
        PreparedBatch batch =
                h.prepareBatch(db.dialect().upsert(table, List.of("request_id", "name"), List.of("value")));
        entries.forEach((key, value) ->
                batch.bind(0, requestId).bind(1, key).bind(2, value).add());
        batch.execute();
    }
}

package dev.flowline.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The numbers of metric series, one per run and metric key, by which the history is keyed (schema 8): a history
 * row holds its series number instead of the run id and the key's name.
 */
final class MetricSeries {
    /** Keys looked up per execution of the writer's kept statement. */
    private static final int LOOKUP_KEYS = 16;

    private static final String SELECT_IDS = "SELECT name, series_id FROM metric_series WHERE run_id = ? AND name IN ("
            + String.join(", ", Collections.nCopies(LOOKUP_KEYS, "?")) + ")";

    private static final String SELECT_ID = "SELECT name, series_id FROM metric_series WHERE run_id = ? AND name = ?";
    /** Series remembered, about 150 bytes each; series are never deleted, so a remembered number stays right. */
    private static final int REMEMBERED = 16_384;

    private final SqlDatabase db;
    private final String insertIfAbsent;
    /** The lookups run right after inserting the keys, and must see those another writer inserted first. */
    private final String selectId;

    private final String selectIds;
    private final Map<String, Long> committed = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED;
        }
    });

    MetricSeries(SqlDatabase db) {
        this.db = db;
        this.insertIfAbsent = db.dialect().insertIfAbsent("metric_series", List.of("run_id", "name"));
        this.selectId = db.dialect().readingLatest(SELECT_ID);
        this.selectIds = db.dialect().readingLatest(SELECT_IDS);
    }

    /**
     * In the writer's transaction: the series of the run's {@code keys}, numbering those logged for the first time.
     * Series not remembered are inserted where missing, in one batch, and then read back.
     */
    Numbers numbered(Connection connection, String runId, List<String> keys) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String key : keys) {
            Long id = committed.get(cacheKey(runId, key));
            if (id == null) {
                unknown.add(key);
            } else {
                ids.put(key, id);
            }
        }
        if (unknown.isEmpty()) {
            return new Numbers(ids, Map.of());
        }
        PreparedStatement insert = db.prepared(connection, insertIfAbsent);
        for (String key : unknown) {
            insert.setString(1, runId);
            insert.setString(2, key);
            insert.addBatch();
        }
        insert.executeBatch();
        Map<String, Long> learned = lookUp(connection, runId, unknown);
        if (learned.size() < unknown.size()) {
            throw new IllegalStateException("Metric series of run " + runId + " not found after inserting them");
        }
        ids.putAll(learned);
        return new Numbers(ids, learned);
    }

    /**
     * The numbers of a batch's keys, and those of them that were not remembered: only these need remembering once
     * the write commits.
     */
    record Numbers(Map<String, Long> ids, Map<String, Long> learned) {}

    /**
     * Remembers series once the write that read them has committed (a write rolled back may have numbered series
     * that then never existed), so that the next batch of the same keys looks nothing up.
     */
    void remember(String runId, Map<String, Long> ids) {
        ids.forEach((key, id) -> committed.put(cacheKey(runId, key), id));
    }

    private Map<String, Long> lookUp(Connection connection, String runId, List<String> keys) throws SQLException {
        // One key (a single log-metric call) binds two parameters instead of a slice's seventeen.
        return keys.size() == 1
                ? KeyLookup.byKey(db.prepared(connection, selectId), 1, runId, keys, KeyLookup.ResultSetValue.LONG)
                : KeyLookup.byKey(
                        db.prepared(connection, selectIds), LOOKUP_KEYS, runId, keys, KeyLookup.ResultSetValue.LONG);
    }

    private static String cacheKey(String runId, String key) {
        // Keys cannot hold a line break (MLflow's key rule), so the pair is unambiguous.
        return runId + '\n' + key;
    }

    /** For reads: each run's series of {@code key}, for the runs that logged it, in the order of {@code runs}. */
    static Map<String, Long> of(Handle h, List<String> runs, String key) {
        Map<String, Long> found = new HashMap<>();
        Sql.chunked(
                runs,
                chunk -> h.createQuery("SELECT run_id, series_id FROM metric_series WHERE name = :key AND run_id IN ("
                                + Sql.names("r", chunk.size()) + ")")
                        .bind("key", key)
                        .bindMap(Sql.binds("r", chunk))
                        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                        .forEach(e -> found.put(e.getKey(), e.getValue())));
        Map<String, Long> ordered = new LinkedHashMap<>();
        runs.stream().filter(found::containsKey).forEach(run -> ordered.put(run, found.get(run)));
        return ordered;
    }

    /** For reads: the run's series of {@code key}, if it logged the key. */
    static Optional<Long> of(Handle h, String runId, String key) {
        return h.createQuery("SELECT series_id FROM metric_series WHERE run_id = :runId AND name = :key")
                .bind("runId", runId)
                .bind("key", key)
                .mapTo(Long.class)
                .findOne();
    }
}

package dev.flowline.store.sql;

import dev.flowline.core.tracing.TraceInfo;
import dev.flowline.core.tracing.TraceStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** Reads trace infos with their tags and request metadata: the rows first, then the key/values of just those. */
final class TraceRows {
    /** The trace_info columns, for {@code SELECT} lists; the table is aliased {@code t}. */
    static final String COLUMNS = "t.request_id, t.experiment_id, t.timestamp_ms, t.execution_time_ms, t.status";

    private TraceRows() {}

    private record Row(String requestId, long experimentId, long timestampMs, Long executionTimeMs, String status) {}

    /**
     * The traces selected by {@code SELECT COLUMNS FROM trace_info t <rest>}, in the order the query gives them.
     *
     * @param binds the named parameters {@code rest} uses
     */
    static List<TraceInfo> load(Handle handle, String rest, Map<String, Object> binds) {
        List<Row> rows = handle.createQuery("SELECT " + COLUMNS + " FROM trace_info t " + rest)
                .bindMap(binds)
                .map((rs, ctx) -> new Row(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getObject(4) == null ? null : rs.getLong(4),
                        rs.getString(5)))
                .list();
        List<String> ids = rows.stream().map(Row::requestId).toList();
        Map<String, Map<String, String>> tags = keyValues(handle, "trace_tags", ids);
        Map<String, Map<String, String>> metadata = keyValues(handle, "trace_request_metadata", ids);
        List<TraceInfo> traces = new ArrayList<>(rows.size());
        for (Row row : rows) {
            traces.add(new TraceInfo(
                    row.requestId(),
                    Long.toString(row.experimentId()),
                    row.timestampMs(),
                    row.executionTimeMs(),
                    TraceStatus.parse(row.status()).orElse(TraceStatus.TRACE_STATUS_UNSPECIFIED),
                    metadata.getOrDefault(row.requestId(), Map.of()),
                    tags.getOrDefault(row.requestId(), Map.of())));
        }
        return traces;
    }

    private static Map<String, Map<String, String>> keyValues(Handle handle, String table, List<String> ids) {
        Map<String, Map<String, String>> byTrace = new HashMap<>();
        Sql.chunked(
                ids,
                chunk -> handle.createQuery("SELECT request_id, name, value FROM " + table + " WHERE request_id IN ("
                                + Sql.names("r", chunk.size()) + ")")
                        .bindMap(Sql.binds("r", chunk))
                        .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                        .forEach(entry -> byTrace.computeIfAbsent(entry[0], id -> new LinkedHashMap<>())
                                .put(entry[1], entry[2] == null ? "" : entry[2])));
        return byTrace;
    }
}

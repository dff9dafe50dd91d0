package dev.flowline.store.sql;

import dev.flowline.core.Page;
import dev.flowline.core.search.EntityType;
import dev.flowline.core.search.Field;
import dev.flowline.core.search.Literal;
import dev.flowline.core.search.Operator;
import dev.flowline.core.search.OrderBy;
import dev.flowline.core.tracing.TraceInfo;
import dev.flowline.core.tracing.TraceSearchQuery;
import java.util.List;
import java.util.Map;

/**
 * Trace search pushed into SQL: attributes are columns of {@code trace_info}, tags and request metadata EXISTS
 * lookups by key; each ordering key that is a tag or metadata entry is one LEFT JOIN, and as in MLflow every
 * ordering key puts missing values last in both directions. One page is chosen with LIMIT/OFFSET, then completed by
 * {@link TraceRows}.
 */
final class TraceSearch {
    private static final Map<String, String> COLUMNS = Map.of(
            "request_id", "t.request_id",
            "experiment_id", "t.experiment_id",
            "timestamp_ms", "t.timestamp_ms",
            "execution_time_ms", "t.execution_time_ms",
            "status", "t.status");

    private final SqlDatabase db;

    TraceSearch(SqlDatabase db) {
        this.db = db;
    }

    Page<TraceInfo> page(TraceSearchQuery query) {
        int offset = query.pageToken().map(PageToken::decodeOffset).orElse(0);
        List<Long> experimentIds = SqlExperiments.parseIds(query.experimentIds());
        if (experimentIds.isEmpty()) {
            return Page.last(List.of());
        }
        SqlFilter sql = new SqlFilter(db.dialect(), TraceSearch::condition);
        StringBuilder joins = new StringBuilder();
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < query.orderBy().size(); i++) {
            OrderBy clause = query.orderBy().get(i);
            String value = orderValue(sql, clause.field(), "o" + i, joins);
            if (!order.isEmpty()) {
                order.append(", ");
            }
            order.append("CASE WHEN ")
                    .append(value)
                    .append(" IS NULL THEN 1 ELSE 0 END, ")
                    .append(value)
                    .append(clause.ascending() ? " ASC" : " DESC");
        }
        StringBuilder rest = new StringBuilder(joins)
                .append(" WHERE t.experiment_id IN (")
                .append(String.join(", ", experimentIds.stream().map(sql::bind).toList()))
                .append(")");
        query.filter()
                .ifPresent(f -> rest.append(" AND (").append(sql.translate(f)).append(")"));
        rest.append(" ORDER BY ")
                .append(order)
                .append(" LIMIT ")
                .append(sql.bind((long) query.maxResults() + 1))
                .append(" OFFSET ")
                .append(sql.bind((long) offset));
        List<TraceInfo> found = db.readConsistent(h -> TraceRows.load(h, rest.toString(), sql.binds()));
        return PageToken.page(found, offset, query.maxResults());
    }

    /** The expression a clause orders by; a tag or metadata key joins its table as {@code alias}. */
    private static String orderValue(SqlFilter sql, Field field, String alias, StringBuilder joins) {
        if (field.type() == EntityType.ATTRIBUTE) {
            return column(field);
        }
        joins.append(" LEFT JOIN ")
                .append(table(field.type()))
                .append(' ')
                .append(alias)
                .append(" ON ")
                .append(alias)
                .append(".request_id = t.request_id AND ")
                .append(alias)
                .append(".name = ")
                .append(sql.bind(field.key()));
        return alias + ".value";
    }

    private static String condition(SqlFilter sql, Field field, Operator op, Literal value) {
        if (field.type() == EntityType.ATTRIBUTE) {
            return sql.compare(column(field), op, value);
        }
        return "EXISTS (SELECT 1 FROM " + table(field.type()) + " f WHERE f.request_id = t.request_id AND f.name = "
                + sql.bind(field.key()) + " AND " + sql.compare("f.value", op, value) + ")";
    }

    private static String table(EntityType type) {
        return switch (type) {
            case TAG -> "trace_tags";
            case REQUEST_METADATA -> "trace_request_metadata";
            default -> throw new IllegalArgumentException("Traces have no " + type + " fields");
        };
    }

    private static String column(Field field) {
        String column = COLUMNS.get(field.key());
        if (column == null) {
            throw new IllegalArgumentException("Not a trace attribute: " + field.key());
        }
        return column;
    }
}

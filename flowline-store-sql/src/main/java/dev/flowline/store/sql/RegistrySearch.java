package dev.flowline.store.sql;

import dev.flowline.core.Page;
import dev.flowline.core.registry.ModelVersion;
import dev.flowline.core.registry.RegisteredModel;
import dev.flowline.core.registry.RegistrySearchQuery;
import dev.flowline.core.search.Field;
import dev.flowline.core.search.Literal;
import dev.flowline.core.search.Operator;
import dev.flowline.core.search.OrderBy;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Registered-model and model-version search pushed into SQL: attributes are columns, {@code tags.*} EXISTS
 * lookups; one page of rows is chosen with LIMIT/OFFSET and then completed by {@link RegistryRows}.
 */
final class RegistrySearch {
    private static final Map<String, String> MODEL_COLUMNS = Map.of(
            "name", "registered_models.name",
            "creation_timestamp", "registered_models.creation_time",
            "last_updated_timestamp", "registered_models.last_updated_time");
    private static final Map<String, String> VERSION_COLUMNS = Map.of(
            "name", "model_versions.name",
            "version_number", "model_versions.version",
            "run_id", "model_versions.run_id",
            "source_path", "model_versions.source",
            "creation_timestamp", "model_versions.creation_time",
            "last_updated_timestamp", "model_versions.last_updated_time");

    private static final String PROMPT_TAG = "mlflow.prompt.is_prompt";

    private final SqlDatabase db;

    RegistrySearch(SqlDatabase db) {
        this.db = db;
    }

    Page<RegisteredModel> models(RegistrySearchQuery query) {
        SqlFilter filter = new SqlFilter(
                db.dialect(),
                (sql, field, op, value) -> condition(
                        sql,
                        field,
                        op,
                        value,
                        MODEL_COLUMNS,
                        "EXISTS (SELECT 1 FROM registered_model_tags t WHERE t.name = registered_models.name"));
        return page(
                query,
                filter,
                MODEL_COLUMNS,
                "registered_model_tags",
                "registered_models",
                (h, rest) -> RegistryRows.models(h, rest, q -> q.bindMap(filter.binds())));
    }

    Page<ModelVersion> versions(RegistrySearchQuery query) {
        SqlFilter filter = new SqlFilter(
                db.dialect(),
                (sql, field, op, value) -> condition(
                        sql,
                        field,
                        op,
                        value,
                        VERSION_COLUMNS,
                        "EXISTS (SELECT 1 FROM model_version_tags t WHERE t.name = model_versions.name"
                                + " AND t.version = model_versions.version"));
        return page(
                query,
                filter,
                VERSION_COLUMNS,
                "model_version_tags",
                "model_versions",
                (h, rest) -> RegistryRows.versions(h, rest, q -> q.bindMap(filter.binds())));
    }

    /**
     * @param tagTable the table of tags that mark a prompt, matched to {@code table}'s rows by name
     */
    private <T> Page<T> page(
            RegistrySearchQuery query,
            SqlFilter filter,
            Map<String, String> columns,
            String tagTable,
            String table,
            BiFunction<Handle, String, List<T>> load) {
        int offset = query.pageToken().map(PageToken::decodeOffset).orElse(0);
        StringBuilder rest = new StringBuilder("WHERE 1 = 1");
        if (query.excludePrompts()) {
            rest.append(" AND NOT EXISTS (SELECT 1 FROM ")
                    .append(tagTable)
                    .append(" p WHERE p.name = ")
                    .append(table)
                    .append(".name AND p.tag_key = ")
                    .append(filter.bind(PROMPT_TAG))
                    .append(" AND p.tag_value = ")
                    .append(filter.bind("true"))
                    .append(")");
        }
        query.filter()
                .ifPresent(
                        f -> rest.append(" AND (").append(filter.translate(f)).append(")"));
        rest.append(" ORDER BY ")
                .append(query.orderBy().stream()
                        .map(o -> orderColumn(o, columns))
                        .collect(Collectors.joining(", ")));
        rest.append(" LIMIT ")
                .append(filter.bind((long) query.maxResults() + 1))
                .append(" OFFSET ")
                .append(filter.bind((long) offset));
        return db.readConsistent(h -> {
            List<T> found = load.apply(h, rest.toString());
            return PageToken.page(found, offset, query.maxResults());
        });
    }

    private static String condition(
            SqlFilter sql, Field field, Operator op, Literal value, Map<String, String> columns, String tagExists) {
        return switch (field.type()) {
            case TAG ->
                tagExists + " AND t.tag_key = " + sql.bind(field.key()) + " AND "
                        + sql.compare("t.tag_value", op, value) + ")";
            case ATTRIBUTE -> sql.compare(column(field, columns), op, value);
            default -> throw new IllegalArgumentException("The registry has no " + field.type() + " fields");
        };
    }

    private static String orderColumn(OrderBy order, Map<String, String> columns) {
        return column(order.field(), columns) + (order.ascending() ? " ASC" : " DESC");
    }

    private static String column(Field field, Map<String, String> columns) {
        String column = columns.get(field.key());
        if (column == null) {
            throw new IllegalArgumentException("Not a searchable registry attribute: " + field.key());
        }
        return column;
    }
}

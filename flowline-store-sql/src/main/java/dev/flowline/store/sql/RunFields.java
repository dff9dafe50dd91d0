package dev.flowline.store.sql;

import dev.flowline.core.search.Field;
import dev.flowline.core.search.Literal;
import dev.flowline.core.search.Operator;
import java.util.Map;

/**
 * Run search fields in SQL over the {@code runs} table: attributes are columns, metrics (latest values), params,
 * tags and datasets are EXISTS lookups by primary key, so a filter never multiplies rows.
 */
final class RunFields implements SqlFilter.FieldSql {
    static final Map<String, String> ATTRIBUTE_COLUMNS = Map.of(
            "run_id", "runs.run_id",
            "run_name", "runs.name",
            "status", "runs.status",
            "user_id", "runs.user_id",
            "artifact_uri", "runs.artifact_uri",
            "start_time", "runs.start_time",
            "end_time", "runs.end_time",
            "lifecycle_stage", "runs.lifecycle_stage",
            "experiment_id", "runs.experiment_id");

    @Override
    public String condition(SqlFilter sql, Field field, Operator op, Literal value) {
        return switch (field.type()) {
            case ATTRIBUTE -> sql.compare(attributeColumn(field.key()), op, value);
            case METRIC ->
                "EXISTS (SELECT 1 FROM latest_metrics f WHERE f.run_id = runs.run_id AND f.name = "
                        + sql.bind(field.key()) + " AND "
                        + (op == Operator.NE
                                ? "(f.value_kind = " + MetricValues.NAN + " OR "
                                        + sql.compareDouble("f.value", op, value) + ")"
                                : "f.value_kind <> " + MetricValues.NAN + " AND "
                                        + sql.compareDouble("f.value", op, value))
                        + ")";
            case PARAM -> keyValue(sql, "params", field.key(), op, value);
            case TAG -> keyValue(sql, "tags", field.key(), op, value);
            case DATASET ->
                "EXISTS (SELECT 1 FROM inputs i JOIN datasets d ON d.dataset_id = i.dataset_id"
                        + " WHERE i.run_id = runs.run_id AND " + datasetCondition(sql, field.key(), op, value) + ")";
            case REQUEST_METADATA -> throw new IllegalArgumentException("Runs have no request metadata");
        };
    }

    private static String keyValue(SqlFilter sql, String table, String key, Operator op, Literal value) {
        return "EXISTS (SELECT 1 FROM " + table + " f WHERE f.run_id = runs.run_id AND f.name = " + sql.bind(key)
                + " AND " + sql.compare("f.value", op, value) + ")";
    }

    private static String datasetCondition(SqlFilter sql, String key, Operator op, Literal value) {
        if (key.equals("context")) {
            return "EXISTS (SELECT 1 FROM input_tags t WHERE t.input_id = i.input_id AND t.name = "
                    + sql.bind("mlflow.data.context") + " AND " + sql.compare("t.value", op, value) + ")";
        }
        return sql.compare("d." + (key.equals("digest") ? "digest" : "name"), op, value);
    }

    static String attributeColumn(String key) {
        String column = ATTRIBUTE_COLUMNS.get(key);
        if (column == null) {
            throw new IllegalArgumentException("Not a run attribute: " + key);
        }
        return column;
    }
}

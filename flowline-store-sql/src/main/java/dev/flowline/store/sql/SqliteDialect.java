package dev.flowline.store.sql;

import java.sql.SQLException;
import java.util.Map;

/**
 * SQLite: the embedded default, one writer connection in WAL mode. Connections run with
 * {@code case_sensitive_like} on (see {@link SqlDatabase}), so {@code LIKE} is case-sensitive as on the other databases.
 */
public record SqliteDialect() implements SqlDialect {
    private static final String PARAM_VALUE_INDEX =
            "CREATE INDEX params_name_value_idx ON params (name, value, run_id);";

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public Map<String, String> migrationPlaceholders() {
        return Map.of(
                "long_text",
                "TEXT",
                "double",
                "REAL",
                "auto_id_primary_key",
                "INTEGER PRIMARY KEY AUTOINCREMENT",
                "table_options",
                "",
                "text_value_indexes",
                PARAM_VALUE_INDEX + "\nCREATE INDEX tags_name_value_idx ON tags (name, value, run_id);",
                "tag_value_index_drop",
                "DROP INDEX tags_name_value_idx;",
                "clustered_table_options",
                " WITHOUT ROWID",
                "binary",
                "BLOB",
                "param_value_index",
                PARAM_VALUE_INDEX);
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        // SQLITE_CONSTRAINT_PRIMARYKEY (1555) and SQLITE_CONSTRAINT_UNIQUE (2067) report as error code 19.
        return e.getErrorCode() == 19
                && e.getMessage() != null
                && (e.getMessage().contains("UNIQUE") || e.getMessage().contains("PRIMARYKEY"));
    }

    @Override
    public boolean singleWriter() {
        return true;
    }

    @Override
    public boolean plansWithStatistics() {
        return false;
    }

    @Override
    public String least(String a, String b) {
        return "MIN(" + a + ", " + b + ")";
    }
}

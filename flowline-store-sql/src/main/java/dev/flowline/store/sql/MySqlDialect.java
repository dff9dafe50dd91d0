package dev.flowline.store.sql;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** MySQL and MariaDB (InnoDB, utf8mb4, binary collation so keys compare case-sensitively as elsewhere). */
public record MySqlDialect() implements SqlDialect {
    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public Map<String, String> migrationPlaceholders() {
        return Map.of(
                "long_text",
                "LONGTEXT",
                "double",
                "DOUBLE",
                "auto_id_primary_key",
                "BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY",
                "table_options",
                " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
                "text_value_indexes",
                "",
                "tag_value_index_drop",
                "",
                "clustered_table_options",
                " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
                "binary",
                "MEDIUMBLOB",
                "param_value_index",
                "");
    }

    /**
     * Written out as {@code a > ? OR (a = ? AND (b > ? OR …))}: MariaDB reads a row-value comparison by the index's
     * leading columns only and filters the rest, so paging through a long series with it read the series again for
     * every page.
     */
    @Override
    public String after(List<String> columns) {
        String condition = columns.getLast() + " > ?";
        for (int i = columns.size() - 2; i >= 0; i--) {
            condition = columns.get(i) + " > ? OR (" + columns.get(i) + " = ? AND (" + condition + "))";
        }
        return "(" + condition + ")";
    }

    @Override
    public int[] afterValues(int columns) {
        int[] values = new int[2 * columns - 1];
        for (int i = 0; i < columns - 1; i++) {
            values[2 * i] = i;
            values[2 * i + 1] = i;
        }
        values[values.length - 1] = columns - 1;
        return values;
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return e.getErrorCode() == 1062;
    }

    @Override
    public boolean singleWriter() {
        return false;
    }

    @Override
    public String upsert(String table, List<String> keyColumns, List<String> valueColumns) {
        return SqlDialect.insert(table, keyColumns, valueColumns) + " ON DUPLICATE KEY UPDATE "
                + valueColumns.stream().map(c -> c + " = VALUES(" + c + ")").collect(Collectors.joining(", "));
    }

    /** InnoDB's repeatable read answers a plain select from the transaction's snapshot; a locking read does not. */
    @Override
    public String readingLatest(String select) {
        return select + " FOR UPDATE";
    }

    /** A no-op assignment rather than INSERT IGNORE, which would also turn other errors into warnings. */
    @Override
    public String insertIfAbsent(String table, List<String> columns) {
        return SqlDialect.insert(table, columns, List.of()) + " ON DUPLICATE KEY UPDATE " + columns.get(0) + " = "
                + columns.get(0);
    }

    /**
     * MySQL applies ON DUPLICATE KEY assignments left to right, each seeing the previous ones' results: the
     * always-set columns come first, while the value columns are still old, and the condition is evaluated once,
     * before any value column changes, into a session variable.
     */
    @Override
    public String upsertWhen(
            String table,
            List<String> keyColumns,
            List<String> valueColumns,
            String condition,
            Map<String, String> alwaysSet) {
        java.util.function.UnaryOperator<String> sql =
                e -> e.replaceAll("NEW\\.(\\w+)", "VALUES($1)").replace("OLD.", "");
        List<String> inserted = new java.util.ArrayList<>(valueColumns);
        inserted.addAll(alwaysSet.keySet());
        List<String> assignments = new java.util.ArrayList<>();
        alwaysSet.forEach((column, expression) -> assignments.add(column + " = " + sql.apply(expression)));
        for (int i = 0; i < valueColumns.size(); i++) {
            String column = valueColumns.get(i);
            String test = i == 0 ? "(@flowline_newer := (" + sql.apply(condition) + "))" : "@flowline_newer";
            assignments.add(column + " = IF(" + test + ", VALUES(" + column + "), " + column + ")");
        }
        return SqlDialect.insert(table, keyColumns, inserted) + " ON DUPLICATE KEY UPDATE "
                + String.join(", ", assignments);
    }
}

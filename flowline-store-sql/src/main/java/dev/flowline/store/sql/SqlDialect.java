package dev.flowline.store.sql;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What differs between the databases Flowline stores into. Stores ask the dialect instead of
 * branching on the database; the migrations are shared and filled in with {@link #migrationPlaceholders()}.
 */
public sealed interface SqlDialect permits SqliteDialect, PostgresDialect, MySqlDialect {

    /** Short name, e.g. {@code sqlite}. */
    String name();

    /** Values for the {@code ${...}} placeholders of the shared Flyway migrations. */
    Map<String, String> migrationPlaceholders();

    /** Whether the exception reports a unique or primary-key violation. */
    boolean isUniqueViolation(SQLException e);

    /** Whether writes must go through a single connection (an embedded database). */
    boolean singleWriter();

    /**
     * An insert of one row with positional parameters, key columns first, that, when a row with the same key
     * exists, overwrites its value columns.
     */
    default String upsert(String table, List<String> keyColumns, List<String> valueColumns) {
        return insert(table, keyColumns, valueColumns) + " ON CONFLICT (" + String.join(", ", keyColumns)
                + ") DO UPDATE SET "
                + valueColumns.stream().map(c -> c + " = excluded." + c).collect(Collectors.joining(", "));
    }

    /**
     * {@code select} made to see, inside a write transaction, rows that other transactions committed after this one
     * began (a key another writer has just inserted, say).
     */
    default String readingLatest(String select) {
        return select;
    }

    /**
     * A condition that the columns, taken in order, come after a row of values — a keyset for paging through an index
     * on them. Its {@code ?} placeholders take the values at the positions {@link #afterValues} gives.
     */
    default String after(List<String> columns) {
        return "(" + String.join(", ", columns) + ") > (" + Sql.placeholders(columns.size()) + ")";
    }

    /** For each placeholder of {@link #after}, the position of the value it takes. */
    default int[] afterValues(int columns) {
        return java.util.stream.IntStream.range(0, columns).toArray();
    }

    /** An insert of one row with positional parameters that leaves a row with the same key as it is. */
    default String insertIfAbsent(String table, List<String> columns) {
        return insert(table, columns, List.of()) + " ON CONFLICT DO NOTHING";
    }

    /**
     * An upsert whose {@code valueColumns} are overwritten only when {@code condition} holds, while the
     * {@code alwaysSet} columns are set to their expressions on every conflict. Conditions and expressions refer to
     * the new row's columns as {@code NEW.column} and the stored row's as {@code OLD.column}; an expression may
     * read only OLD columns that are not value columns. Positional parameters: keys, value columns, then the
     * always-set columns.
     */
    default String upsertWhen(
            String table,
            List<String> keyColumns,
            List<String> valueColumns,
            String condition,
            Map<String, String> alwaysSet) {
        java.util.function.UnaryOperator<String> sql =
                e -> e.replace("NEW.", "excluded.").replace("OLD.", table + ".");
        List<String> inserted = new java.util.ArrayList<>(valueColumns);
        inserted.addAll(alwaysSet.keySet());
        List<String> assignments = new java.util.ArrayList<>();
        alwaysSet.forEach((column, expression) -> assignments.add(column + " = " + sql.apply(expression)));
        for (String column : valueColumns) {
            assignments.add(column + " = CASE WHEN " + sql.apply(condition) + " THEN excluded." + column + " ELSE "
                    + table + "." + column + " END");
        }
        return insert(table, keyColumns, inserted) + " ON CONFLICT (" + String.join(", ", keyColumns)
                + ") DO UPDATE SET " + String.join(", ", assignments);
    }

    /** Whether a list of values binds as one array parameter ({@code column = ANY(:values)}). */
    default boolean bindsArrays() {
        return false;
    }

    /**
     * Whether the planner knows how many rows a key selects, and so chooses between reading a small experiment's runs
     * and walking a key's index by itself. SQLite keeps no statistics unless {@code ANALYZE} has run.
     */
    default boolean plansWithStatistics() {
        return true;
    }

    /** The smaller of two non-null expressions. */
    default String least(String a, String b) {
        return "LEAST(" + a + ", " + b + ")";
    }

    /** A case-sensitive {@code LIKE} of the expression against a pattern parameter. */
    default String like(String expression, String parameter) {
        return expression + " LIKE " + parameter;
    }

    /** A case-insensitive {@code LIKE} of the expression against a pattern parameter. */
    default String ilike(String expression, String parameter) {
        return "LOWER(" + expression + ") LIKE LOWER(" + parameter + ")";
    }

    /** {@code INSERT INTO table (key columns, value columns) VALUES (?, ...)}. */
    static String insert(String table, List<String> keyColumns, List<String> valueColumns) {
        List<String> columns = new java.util.ArrayList<>(keyColumns);
        columns.addAll(valueColumns);
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }
}

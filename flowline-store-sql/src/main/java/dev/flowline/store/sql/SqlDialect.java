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
                + ") DO UPDATE SET " + valueColumns.stream().map(c -> c + " = excluded." + c)
                .collect(Collectors.joining(", "));
    }

    /**
     * Like {@link #upsert} but overwrites an existing row only when {@code condition} holds; the condition
     * refers to the new row's columns as {@code NEW.column} and the stored row's as {@code OLD.column}.
     */
    default String upsertWhen(String table, List<String> keyColumns, List<String> valueColumns, String condition) {
        String where = condition.replace("NEW.", "excluded.").replace("OLD.", table + ".");
        return upsert(table, keyColumns, valueColumns) + " WHERE " + where;
    }

    /** A case-sensitive {@code LIKE} of the expression against a pattern parameter. */
    default String like(String expression, String parameter) {
        return expression + " LIKE " + parameter;
    }

    /** A case-insensitive {@code LIKE} of the expression against a pattern parameter. */
    default String ilike(String expression, String parameter) {
        return "LOWER(" + expression + ") LIKE LOWER(" + parameter + ")";
    }

    /** Integer division of two non-negative integer expressions. */
    default String integerDivide(String dividend, String divisor) {
        return "(" + dividend + ") / (" + divisor + ")";
    }

    /** {@code INSERT INTO table (key columns, value columns) VALUES (?, ...)}. */
    static String insert(String table, List<String> keyColumns, List<String> valueColumns) {
        List<String> columns = new java.util.ArrayList<>(keyColumns);
        columns.addAll(valueColumns);
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }
}

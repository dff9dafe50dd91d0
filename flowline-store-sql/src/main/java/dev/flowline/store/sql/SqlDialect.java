package dev.flowline.store.sql;

import java.sql.SQLException;
import java.util.Map;

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
}

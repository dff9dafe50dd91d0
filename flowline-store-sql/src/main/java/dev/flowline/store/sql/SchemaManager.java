package dev.flowline.store.sql;

import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flowline's schema, managed by Flyway from the shared migrations under {@code db/migration}.
 * An empty database is initialised on open; an older Flowline schema needs {@code flowline db upgrade};
 * a database holding other tables (MLflow's own schema, say) is refused and left untouched.
 */
public final class SchemaManager {
    static final String HISTORY_TABLE = "flowline_schema_history";

    private final SqlDatabase database;
    private Flyway flyway;

    public SchemaManager(SqlDatabase database) {
        this.database = database;
    }

    /** Flyway, configured on first use: loading it costs seconds of start-up that an up-to-date schema skips. */
    private Flyway flyway() {
        if (flyway == null) {
            flyway = Flyway.configure(SchemaManager.class.getClassLoader())
                    .dataSource(database.writerDataSource())
                    .locations("classpath:db/migration")
                    .javaMigrations(javaMigrations(database.dialect()).toArray(JavaMigration[]::new))
                    .table(HISTORY_TABLE)
                    .placeholders(database.dialect().migrationPlaceholders())
                    .validateMigrationNaming(true)
                    .load();
        }
        return flyway;
    }

    /** The migrations written in Java, next to the SQL files under {@code db/migration}. */
    static List<JavaMigration> javaMigrations(SqlDialect dialect) {
        return List.of(new MetricBlocksMigration(dialect));
    }

    /** Initialises an empty database; refuses an outdated or foreign one. */
    public void initialiseOrVerify() {
        List<String> tables = tables();
        if (tables.isEmpty()) {
            flyway().migrate();
            return;
        }
        requireFlowlineSchema(tables);
        if (upToDate()) {
            return;
        }
        MigrationInfo[] pending = flyway().info().pending();
        if (pending.length > 0) {
            MigrationInfo current = flyway().info().current();
            throw new FlowlineException(
                    ErrorCode.INVALID_STATE,
                    "The database schema is at version " + (current == null ? "none" : current.getVersion())
                            + " but this Flowline needs " + pending[pending.length - 1].getVersion()
                            + ": run 'flowline db upgrade <backend-store-uri>' first (back the database up before)");
        }
    }

    /** Migrates to the latest schema and returns a one-line summary. */
    public String upgrade() {
        List<String> tables = tables();
        if (!tables.isEmpty()) {
            requireFlowlineSchema(tables);
        }
        MigrationInfo before = flyway().info().current();
        MigrateResult result = flyway().migrate();
        String from = before == null ? "empty" : before.getVersion().getVersion();
        if (result.migrationsExecuted == 0) {
            return "Schema is up to date at version " + from;
        }
        return "Migrated schema from " + from + " to " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations)";
    }

    private boolean upToDate() {
        try (Connection connection = database.writerDataSource().getConnection()) {
            var applied = MigrationVersions.newestApplied(connection, HISTORY_TABLE);
            return applied.equals(Optional.of(MigrationVersions.NEWEST));
        } catch (SQLException e) {
            return false;
        }
    }

    private void requireFlowlineSchema(List<String> tables) {
        boolean ours = tables.stream().anyMatch(t -> t.equalsIgnoreCase(HISTORY_TABLE));
        if (!ours) {
            boolean mlflow = tables.stream().anyMatch(t -> t.equalsIgnoreCase("alembic_version"));
            throw new FlowlineException(
                    ErrorCode.INVALID_STATE,
                    "The database holds " + (mlflow ? "an MLflow schema" : "tables that are not Flowline's")
                            + " (" + String.join(", ", tables.subList(0, Math.min(5, tables.size())))
                            + (tables.size() > 5 ? ", …" : "")
                            + "); Flowline leaves it untouched. Point --backend-store-uri at an empty database");
        }
    }

    private List<String> tables() {
        try (Connection connection = database.writerDataSource().getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String catalog = connection.getCatalog();
            String schema = connection.getSchema();
            List<String> names = new ArrayList<>();
            try (ResultSet rs = meta.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String name = rs.getString("TABLE_NAME");
                    if (!name.startsWith("sqlite_")) {
                        names.add(name);
                    }
                }
            }
            return names;
        } catch (SQLException e) {
            throw new FlowlineException(
                    ErrorCode.INTERNAL_ERROR, "Cannot read the database's tables: " + e.getMessage(), e);
        }
    }
}

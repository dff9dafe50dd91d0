package dev.flowline.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowline.core.backend.BackendStore;
import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaManagerTest {
    @TempDir
    Path directory;

    private final SqlBackendStoreProvider provider = new SqlBackendStoreProvider();

    private URI uri() {
        return URI.create("sqlite:///" + directory.resolve("store.db"));
    }

    private String jdbcUrl() {
        return "jdbc:sqlite:" + directory.resolve("store.db");
    }

    private List<String> tables() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
                ResultSet rs = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        return names;
    }

    @Test
    void anEmptyDatabaseIsInitialisedAndReopenedAsIs() throws SQLException {
        try (BackendStore store = provider.open(uri(), 2)) {
            store.tracking().ensureDefaultExperiment(id -> "/tmp/" + id, 1);
        }
        try (BackendStore store = provider.open(uri(), 2)) {
            assertThat(store.tracking().getExperiment("0")).isPresent();
        }
        assertThat(provider.upgrade(uri())).startsWith("Schema is up to date at version");
        // Opening an up-to-date store skips Flyway only when the newest migration, SQL or Java, is named without it:
        // Flyway has just applied every migration there is.
        try (Connection connection = DriverManager.getConnection(jdbcUrl())) {
            assertThat(MigrationVersions.newestApplied(connection, SchemaManager.HISTORY_TABLE))
                    .as("MigrationVersions.NEWEST names the newest migration")
                    .contains(MigrationVersions.NEWEST);
        }
    }

    @Test
    void anMlflowDatabaseIsRefusedAndLeftUntouched() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)");
            statement.execute("INSERT INTO alembic_version VALUES ('4465047574b1')");
            statement.execute("CREATE TABLE experiments (experiment_id INTEGER PRIMARY KEY, name VARCHAR(256))");
        }
        assertThatThrownBy(() -> provider.open(uri(), 2))
                .isInstanceOfSatisfying(
                        FlowlineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE))
                .hasMessageContaining("an MLflow schema")
                .hasMessageContaining("leaves it untouched");
        assertThatThrownBy(() -> provider.upgrade(uri())).hasMessageContaining("an MLflow schema");
        assertThat(tables()).containsExactlyInAnyOrder("alembic_version", "experiments");
    }

    @Test
    void anOutdatedSchemaIsRefusedUntilDbUpgradeMigratesIt() {
        Flyway.configure()
                .dataSource(jdbcUrl(), null, null)
                .table(SchemaManager.HISTORY_TABLE)
                .baselineVersion("0")
                .load()
                .baseline();
        assertThatThrownBy(() -> provider.open(uri(), 2))
                .isInstanceOfSatisfying(
                        FlowlineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE))
                .hasMessageContaining("flowline db upgrade");
        assertThat(provider.upgrade(uri())).startsWith("Migrated schema from 0 to ");
        try (BackendStore store = provider.open(uri(), 2)) {
            store.tracking().ensureDefaultExperiment(id -> "/tmp/" + id, 1);
            assertThat(store.tracking().getExperiment("0")).isPresent();
        }
    }
}

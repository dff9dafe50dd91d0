package dev.flowline.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowline.core.backend.BackendStore;
import dev.flowline.core.tracking.Metric;
import dev.flowline.testkit.TestingDatabase;
import dev.flowline.testkit.TestingMySql;
import dev.flowline.testkit.TestingPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;

/** Stores of each database kind left at an older schema version, for {@code flowline db upgrade} tests. */
final class OlderSchema {
    private OlderSchema() {}

    static Stream<String> databases() {
        return Stream.of("sqlite", "postgresql", "mysql");
    }

    /** A fresh database on the kind's server, or null for SQLite, whose store is a file. */
    static TestingDatabase server(String database) {
        return switch (database) {
            case "postgresql" -> new TestingPostgres();
            case "mysql" -> new TestingMySql();
            default -> null;
        };
    }

    /** The store's URI: the server's database, or a SQLite file in {@code directory}. */
    static URI uri(TestingDatabase server, Path directory) {
        return server == null ? URI.create("sqlite:///" + directory.resolve("store.db")) : server.backendStoreUri();
    }

    /** Creates the schema up to {@code version} only, as a Flowline of that time left it. */
    private static DatabaseUri migrateTo(URI uri, String version) {
        DatabaseUri parsed = DatabaseUri.parse(uri);
        Flyway.configure()
                .dataSource(parsed.jdbcUrl(), parsed.user(), parsed.password())
                .locations("classpath:db/migration")
                .table(SchemaManager.HISTORY_TABLE)
                .placeholders(parsed.dialect().migrationPlaceholders())
                .target(version)
                .load()
                .migrate();
        return parsed;
    }

    /**
     * A store of the kind, created at schema {@code version} only and seeded as a Flowline of that time left it;
     * closing it drops a server's database.
     */
    static Older at(String database, Path directory, String version, Seeding seeding) throws SQLException {
        TestingDatabase server = server(database);
        try {
            URI uri = uri(server, directory);
            seed(migrateTo(uri, version), seeding);
            return new Older(server, uri);
        } catch (SQLException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            throw e;
        }
    }

    /** A store left at an older schema, by its backend store URI. */
    record Older(TestingDatabase server, URI uri) implements AutoCloseable {
        /** Runs {@code flowline db upgrade}, checks that it reports {@code migrated}, and opens the upgraded store. */
        BackendStore upgradedStore(String migrated) {
            SqlBackendStoreProvider provider = new SqlBackendStoreProvider();
            assertThat(provider.upgrade(uri)).startsWith(migrated);
            return provider.open(uri, 2);
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }

    /** Points as text ("step/timestamp/value"), so that NaN compares equal to NaN. */
    static List<String> described(List<Metric> points) {
        return points.stream()
                .map(m -> m.step() + "/" + m.timestamp() + "/" + m.value())
                .toList();
    }

    /** Writes rows the way the older schema holds them, into an experiment named "before" made first. */
    private static void seed(DatabaseUri store, Seeding seeding) throws SQLException {
        try (Connection connection = DriverManager.getConnection(store.jdbcUrl(), store.user(), store.password());
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO experiments (name, artifact_location, lifecycle_stage) VALUES"
                    + " ('before', '/tmp/before', 'active')");
            seeding.seed(statement);
        }
    }

    /** Statements run against the older schema. */
    @FunctionalInterface
    interface Seeding {
        void seed(Statement statement) throws SQLException;
    }
}

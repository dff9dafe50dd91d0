package dev.flowline.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowline.core.error.FlowlineException;
import dev.flowline.testkit.TestingPostgres;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlDatabaseTest {
    @TempDir
    Path directory;

    @Test
    void sqliteReadersKeepUpTo16MibOfPagesAndTheWriter8Mib() {
        try (SqlDatabase database =
                SqlDatabase.open(DatabaseUri.parse(URI.create("sqlite:///" + directory.resolve("c.db"))), 4)) {
            int writer = database.write(handle ->
                    handle.createQuery("PRAGMA cache_size").mapTo(Integer.class).one());
            int reader = database.read(handle ->
                    handle.createQuery("PRAGMA cache_size").mapTo(Integer.class).one());
            // Negative sizes are KiB: 8 MiB for the writer, 16 MiB for every reader (a 1000-run search page's pages).
            assertThat(writer).isEqualTo(-8192);
            assertThat(reader).isEqualTo(-16384);
        }
    }

    @Test
    void postgresSessionsRunWithoutTheJitCompiler() {
        try (TestingPostgres server = new TestingPostgres();
                SqlDatabase database = SqlDatabase.open(DatabaseUri.parse(server.backendStoreUri()), 2)) {
            String jit = database.read(
                    handle -> handle.createQuery("SHOW jit").mapTo(String.class).one());
            assertThat(jit).isEqualTo("off");
        }
    }

    @Test
    void aDatabaseThatCannotBeOpenedFailsAtOnceWithTheReason() {
        Path missing = directory.resolve("no-such-directory").resolve("mlflow.db");
        long started = System.nanoTime();
        assertThatThrownBy(() -> SqlDatabase.open(DatabaseUri.parse(URI.create("sqlite:///" + missing)), 2))
                .isInstanceOf(FlowlineException.class)
                .hasMessageContaining("Cannot connect to the database (jdbc:sqlite:" + missing + ")")
                .hasMessageContaining("unable to open database file");
        // Nothing listens on port 1: refused at once, where the pool's wait for a connection is a minute.
        assertThatThrownBy(() ->
                        SqlDatabase.open(DatabaseUri.parse(URI.create("postgresql://postgres@127.0.0.1:1/mlflow")), 2))
                .isInstanceOf(FlowlineException.class)
                .hasMessageContaining("Cannot connect to the database (jdbc:postgresql://127.0.0.1:1/mlflow)")
                .hasMessageContaining("refused");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                .isLessThan(java.time.Duration.ofSeconds(30));
    }
}

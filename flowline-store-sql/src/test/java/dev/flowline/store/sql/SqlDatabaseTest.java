package dev.flowline.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

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
}

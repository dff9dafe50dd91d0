package dev.flowline.store.sql;

import dev.flowline.core.backend.BackendStore;
import dev.flowline.core.tracing.TraceStore;
import dev.flowline.core.tracking.TrackingStore;
import dev.flowline.testkit.BaseTraceStoreTest;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class SqliteTraceStoreTest extends BaseTraceStoreTest {
    @TempDir
    static Path directory;

    private BackendStore backend;

    @BeforeAll
    void open() {
        backend = new SqlBackendStoreProvider().open(URI.create("sqlite:///" + directory.resolve("traces.db")), 4);
    }

    @AfterAll
    void close() {
        backend.close();
    }

    @Override
    protected TraceStore traces() {
        return backend.traces();
    }

    @Override
    protected TrackingStore tracking() {
        return backend.tracking();
    }
}

package dev.flowline.store.sql;

import dev.flowline.core.tracing.TraceStore;
import dev.flowline.core.tracking.TrackingStore;
import dev.flowline.testkit.BaseTraceStoreTest;
import dev.flowline.testkit.TestingDatabase;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The trace-store contract on a fresh database of a real database server. */
abstract class ServerTraceStoreTest extends BaseTraceStoreTest {
    private final Supplier<TestingDatabase> databases;
    private ServerBackend server;

    ServerTraceStoreTest(Supplier<TestingDatabase> databases) {
        this.databases = databases;
    }

    @BeforeAll
    void open() {
        server = new ServerBackend(databases, 4);
    }

    @AfterAll
    void close() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected TraceStore traces() {
        return server.backend().traces();
    }

    @Override
    protected TrackingStore tracking() {
        return server.backend().tracking();
    }
}

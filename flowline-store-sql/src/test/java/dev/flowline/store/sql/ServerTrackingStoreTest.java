package dev.flowline.store.sql;

import dev.flowline.core.backend.BackendStore;
import dev.flowline.core.tracking.TrackingStore;
import dev.flowline.testkit.BaseTrackingSearchTest;
import dev.flowline.testkit.TestingDatabase;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The tracking-store contract on a fresh database of a real database server. */
abstract class ServerTrackingStoreTest extends BaseTrackingSearchTest {
    private final Supplier<TestingDatabase> databases;
    private TestingDatabase database;
    private BackendStore backend;

    ServerTrackingStoreTest(Supplier<TestingDatabase> databases) {
        this.databases = databases;
    }

    @BeforeAll
    void open() {
        database = databases.get();
        backend = new SqlBackendStoreProvider().open(database.backendStoreUri(), 4);
    }

    @AfterAll
    void close() {
        if (backend != null) {
            backend.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Override
    protected TrackingStore store() {
        return backend.tracking();
    }
}

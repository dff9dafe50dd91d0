package dev.flowline.store.sql;

import dev.flowline.core.backend.BackendStore;
import dev.flowline.testkit.TestingDatabase;
import java.util.function.Supplier;

/** A backend store on a fresh database of a real database server; closing it drops the database. */
final class ServerBackend implements AutoCloseable {
    private final TestingDatabase database;
    private final BackendStore backend;

    ServerBackend(Supplier<TestingDatabase> databases, int poolSize) {
        this.database = databases.get();
        BackendStore opened;
        try {
            opened = new SqlBackendStoreProvider().open(database.backendStoreUri(), poolSize);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        this.backend = opened;
    }

    BackendStore backend() {
        return backend;
    }

    @Override
    public void close() {
        try {
            backend.close();
        } finally {
            database.close();
        }
    }
}

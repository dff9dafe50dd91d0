package dev.flowline.store.sql;

import dev.flowline.core.backend.BackendStore;
import dev.flowline.core.registry.ModelRegistryStore;
import dev.flowline.testkit.BaseModelRegistryStoreTest;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class SqliteModelRegistryStoreTest extends BaseModelRegistryStoreTest {
    @TempDir
    static Path directory;

    private BackendStore backend;

    @BeforeAll
    void open() {
        backend = new SqlBackendStoreProvider().open(URI.create("sqlite:///" + directory.resolve("registry.db")), 4);
    }

    @AfterAll
    void close() {
        backend.close();
    }

    @Override
    protected ModelRegistryStore store() {
        return backend.registry();
    }
}

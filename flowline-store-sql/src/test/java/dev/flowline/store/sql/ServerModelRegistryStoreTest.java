package dev.flowline.store.sql;

import dev.flowline.core.registry.ModelRegistryStore;
import dev.flowline.testkit.BaseModelRegistryStoreTest;
import dev.flowline.testkit.TestingDatabase;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The registry-store contract on a fresh database of a real database server. */
abstract class ServerModelRegistryStoreTest extends BaseModelRegistryStoreTest {
    private final Supplier<TestingDatabase> databases;
    private ServerBackend server;

    ServerModelRegistryStoreTest(Supplier<TestingDatabase> databases) {
        this.databases = databases;
    }

    @BeforeAll
    void open() {
        server = new ServerBackend(databases, 8);
    }

    @AfterAll
    void close() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected ModelRegistryStore store() {
        return server.backend().registry();
    }
}

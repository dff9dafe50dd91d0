package dev.flowline.store.sql;

import dev.flowline.testkit.TestingPostgres;

class PostgresModelRegistryStoreTest extends ServerModelRegistryStoreTest {
    PostgresModelRegistryStoreTest() {
        super(TestingPostgres::new);
    }
}

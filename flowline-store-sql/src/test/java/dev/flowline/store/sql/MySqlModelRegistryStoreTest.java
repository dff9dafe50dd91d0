package dev.flowline.store.sql;

import dev.flowline.testkit.TestingMySql;

class MySqlModelRegistryStoreTest extends ServerModelRegistryStoreTest {
    MySqlModelRegistryStoreTest() {
        super(TestingMySql::new);
    }
}

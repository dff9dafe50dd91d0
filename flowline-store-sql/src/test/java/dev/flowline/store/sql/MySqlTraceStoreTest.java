package dev.flowline.store.sql;

import dev.flowline.testkit.TestingMySql;

class MySqlTraceStoreTest extends ServerTraceStoreTest {
    MySqlTraceStoreTest() {
        super(TestingMySql::new);
    }
}

package dev.flowline.store.sql;

import dev.flowline.testkit.TestingMySql;

class MySqlTrackingStoreTest extends ServerTrackingStoreTest {
    MySqlTrackingStoreTest() {
        super(TestingMySql::new);
    }
}

package dev.flowline.store.sql;

import dev.flowline.testkit.TestingPostgres;

class PostgresTrackingStoreTest extends ServerTrackingStoreTest {
    PostgresTrackingStoreTest() {
        super(TestingPostgres::new);
    }
}

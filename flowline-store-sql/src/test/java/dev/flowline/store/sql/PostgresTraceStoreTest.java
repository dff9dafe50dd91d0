package dev.flowline.store.sql;

import dev.flowline.testkit.TestingPostgres;

class PostgresTraceStoreTest extends ServerTraceStoreTest {
    PostgresTraceStoreTest() {
        super(TestingPostgres::new);
    }
}

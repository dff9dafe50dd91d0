package dev.flowline.testkit;

import java.net.URI;

/**
 * A fresh database on the PostgreSQL server at {@code FLOWLINE_TEST_POSTGRES_HOST}:{@code FLOWLINE_TEST_POSTGRES_PORT}
 * (default 127.0.0.1:5432) as {@code FLOWLINE_TEST_POSTGRES_USER} (default postgres, trust auth).
 */
public final class TestingPostgres extends TestingDatabase {
    private static final String HOST = env("FLOWLINE_TEST_POSTGRES_HOST", "127.0.0.1");
    private static final String PORT = env("FLOWLINE_TEST_POSTGRES_PORT", "5432");

    public TestingPostgres() {
        super(
                "jdbc:postgresql://" + HOST + ":" + PORT + "/postgres",
                env("FLOWLINE_TEST_POSTGRES_USER", "postgres"),
                env("FLOWLINE_TEST_POSTGRES_PASSWORD", ""));
    }

    @Override
    protected String createDatabaseSql(String name) {
        return "CREATE DATABASE " + name;
    }

    @Override
    protected String dropDatabaseSql(String name) {
        return "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)";
    }

    @Override
    public URI backendStoreUri() {
        String credentials = password().isEmpty() ? user() : user() + ":" + password();
        return URI.create("postgresql://" + credentials + "@" + HOST + ":" + PORT + "/" + databaseName());
    }
}

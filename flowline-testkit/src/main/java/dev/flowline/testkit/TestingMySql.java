package dev.flowline.testkit;

import java.net.URI;

/**
 * A fresh database on the MySQL/MariaDB server at {@code FLOWLINE_TEST_MYSQL_HOST}:{@code FLOWLINE_TEST_MYSQL_PORT}
 * (default 127.0.0.1:3306) as {@code FLOWLINE_TEST_MYSQL_USER} (default root, empty password).
 */
public final class TestingMySql extends TestingDatabase {
    private static final String HOST = env("FLOWLINE_TEST_MYSQL_HOST", "127.0.0.1");
    private static final String PORT = env("FLOWLINE_TEST_MYSQL_PORT", "3306");

    public TestingMySql() {
        super(
                "jdbc:mariadb://" + HOST + ":" + PORT + "/",
                env("FLOWLINE_TEST_MYSQL_USER", "root"),
                env("FLOWLINE_TEST_MYSQL_PASSWORD", ""));
    }

    @Override
    protected String createDatabaseSql(String name) {
        return "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
    }

    @Override
    protected String dropDatabaseSql(String name) {
        return "DROP DATABASE IF EXISTS " + name;
    }

    @Override
    public URI backendStoreUri() {
        String credentials = password().isEmpty() ? user() : user() + ":" + password();
        return URI.create("mysql://" + credentials + "@" + HOST + ":" + PORT + "/" + databaseName());
    }
}

package dev.flowline.testkit;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty database on one of the real servers the tests run against, dropped on close.
 * The server's location comes from an environment variable with this machine's default; when the server
 * is unreachable the test is skipped, except under {@code CI=true}, where that is a failure.
 */
public abstract class TestingDatabase implements AutoCloseable {
    private final String adminJdbcUrl;
    private final String user;
    private final String password;
    private final String databaseName;

    protected TestingDatabase(String adminJdbcUrl, String user, String password) {
        this.adminJdbcUrl = adminJdbcUrl;
        this.user = user;
        this.password = password;
        this.databaseName =
                "flowline_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(createDatabaseSql(databaseName));
        } catch (SQLException e) {
            String message = "Test database server at " + adminJdbcUrl + " is not reachable: " + e.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message, e);
            }
            Assumptions.abort(message);
        }
    }

    protected abstract String createDatabaseSql(String name);

    protected abstract String dropDatabaseSql(String name);

    /** The name of the database made for this test. */
    public String databaseName() {
        return databaseName;
    }

    /** A backend-store URI for the new database, in MLflow's form. */
    public abstract URI backendStoreUri();

    protected String user() {
        return user;
    }

    protected String password() {
        return password;
    }

    @Override
    public void close() {
        try (Connection connection = DriverManager.getConnection(adminJdbcUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute(dropDatabaseSql(databaseName));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop test database " + databaseName, e);
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

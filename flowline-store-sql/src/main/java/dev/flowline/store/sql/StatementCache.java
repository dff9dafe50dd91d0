package dev.flowline.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepared statements kept open per physical connection, for the fixed statements every logging call runs. SQLite's
 * driver compiles a statement at every prepare, and for a single log-metric call compiling its four statements cost
 * more than running them; the pool cannot keep them, as it closes a connection's statements whenever the connection
 * goes back to it. Statements are held by the physical connection under the pool's proxy, so they live as long as
 * that connection does.
 */
final class StatementCache {
    /** Statements kept per connection; only fixed SQL text is cached, so this is never reached in practice. */
    private static final int PER_CONNECTION = 32;

    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new HashMap<>();

    /**
     * A statement for {@code sql} on the physical connection under {@code connection}, with no parameters or batch left
     * from an earlier use. The caller must not close it; it may only be used while the caller holds the connection.
     */
    PreparedStatement prepare(Connection connection, String sql) throws SQLException {
        Connection physical = connection.unwrap(Connection.class);
        Map<String, PreparedStatement> statements = statementsOf(physical);
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = physical.prepareStatement(sql);
            statements.put(sql, statement);
        } else {
            // A call that failed between addBatch and executeBatch leaves its rows behind.
            statement.clearBatch();
            statement.clearParameters();
        }
        return statement;
    }

    private synchronized Map<String, PreparedStatement> statementsOf(Connection physical) throws SQLException {
        Map<String, PreparedStatement> statements = byConnection.get(physical);
        if (statements == null) {
            forgetClosedConnections();
            statements = new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                    if (size() <= PER_CONNECTION) {
                        return false;
                    }
                    closeQuietly(eldest.getValue());
                    return true;
                }
            };
            byConnection.put(physical, statements);
        }
        return statements;
    }

    /** Drops the statements of connections the pool has retired (they were closed with their connection). */
    private void forgetClosedConnections() throws SQLException {
        for (Iterator<Connection> it = byConnection.keySet().iterator(); it.hasNext(); ) {
            if (it.next().isClosed()) {
                it.remove();
            }
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // Closing a statement the database no longer holds has nothing left to release.
        }
    }
}

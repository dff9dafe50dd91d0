package dev.flowline.store.sql;

import dev.flowline.core.tracking.Metric;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Schema 10: moves every series' points from the {@code metrics} table, one row per point, into blocks of
 * {@code metric_blocks} (created by version 9), and drops {@code metrics}. A series is read a page at a time in the
 * history's order, so memory stays bounded however long a history is; the encoding needs Java, not SQL.
 */
final class MetricBlocksMigration implements JavaMigration {
    /** Points read per query: whole blocks. */
    private static final int PAGE = MetricBlock.MAX_POINTS * 64;

    /** The old history's key after the series, by which it is read in order. */
    private static final List<String> KEY = List.of("step", "timestamp_ms", "value", "value_kind");

    private static final String FIRST_PAGE = "SELECT step, timestamp_ms, value, value_kind FROM metrics"
            + " WHERE series_id = ? ORDER BY step, timestamp_ms, value, value_kind LIMIT " + PAGE;

    private final String nextPage;
    private final int[] nextPageValues;

    MetricBlocksMigration(SqlDialect dialect) {
        this.nextPage = "SELECT step, timestamp_ms, value, value_kind FROM metrics WHERE series_id = ? AND "
                + dialect.after(KEY) + " ORDER BY step, timestamp_ms, value, value_kind LIMIT " + PAGE;
        this.nextPageValues = dialect.afterValues(KEY.size());
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("10");
    }

    @Override
    public String getDescription() {
        return "metric points into blocks";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        // On MySQL the DROP below commits at once: a run cut short after it finds no table left to move.
        if (!hasMetricsTable(connection)) {
            return;
        }
        List<Long> series = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT DISTINCT series_id FROM metrics ORDER BY series_id")) {
            while (rs.next()) {
                series.add(rs.getLong(1));
            }
        }
        try (PreparedStatement first = connection.prepareStatement(FIRST_PAGE);
                PreparedStatement next = connection.prepareStatement(nextPage);
                PreparedStatement insert = connection.prepareStatement(MetricBlock.INSERT)) {
            for (long seriesId : series) {
                moveSeries(seriesId, first, next, insert);
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE metrics");
        }
    }

    private static boolean hasMetricsTable(Connection connection) throws SQLException {
        try (ResultSet tables = connection
                .getMetaData()
                .getTables(connection.getCatalog(), connection.getSchema(), "metrics", new String[] {"TABLE"})) {
            return tables.next();
        }
    }

    private void moveSeries(long seriesId, PreparedStatement first, PreparedStatement next, PreparedStatement insert)
            throws SQLException {
        first.setLong(1, seriesId);
        List<Stored> page = read(first);
        while (!page.isEmpty()) {
            // The old key gives the blocks' order already, each point once.
            MetricBlock.addRows(
                    insert, seriesId, page.stream().map(Stored::point).toList());
            insert.executeBatch();
            if (page.size() < PAGE) {
                return;
            }
            Stored last = page.getLast();
            Object[] key = {last.step, last.timestamp, last.value, last.kind};
            next.setLong(1, seriesId);
            for (int i = 0; i < nextPageValues.length; i++) {
                next.setObject(2 + i, key[nextPageValues[i]]);
            }
            page = read(next);
        }
    }

    private static List<Stored> read(PreparedStatement query) throws SQLException {
        List<Stored> page = new ArrayList<>(PAGE);
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                page.add(new Stored(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getInt(4)));
            }
        }
        return page;
    }

    /** A row as stored, whose columns are the next page's starting key. */
    private record Stored(long step, long timestamp, double value, int kind) {
        Metric point() {
            return new Metric("", MetricValues.decode(value, kind), timestamp, step);
        }
    }
}

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

    private static final String FIRST_PAGE = "SELECT step, timestamp_ms, value, value_kind FROM metrics"
            + " WHERE series_id = ? ORDER BY step, timestamp_ms, value, value_kind LIMIT " + PAGE;
    private static final String NEXT_PAGE = "SELECT step, timestamp_ms, value, value_kind FROM metrics"
            + " WHERE series_id = ? AND (step, timestamp_ms, value, value_kind) > (?, ?, ?, ?)"
            + " ORDER BY step, timestamp_ms, value, value_kind LIMIT " + PAGE;

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
        List<Long> series = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT DISTINCT series_id FROM metrics ORDER BY series_id")) {
            while (rs.next()) {
                series.add(rs.getLong(1));
            }
        }
        try (PreparedStatement first = connection.prepareStatement(FIRST_PAGE);
                PreparedStatement next = connection.prepareStatement(NEXT_PAGE);
                PreparedStatement insert = connection.prepareStatement(MetricBlock.INSERT)) {
            for (long seriesId : series) {
                moveSeries(seriesId, first, next, insert);
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE metrics");
        }
    }

    private static void moveSeries(
            long seriesId, PreparedStatement first, PreparedStatement next, PreparedStatement insert)
            throws SQLException {
        first.setLong(1, seriesId);
        List<Stored> page = read(first);
        while (!page.isEmpty()) {
            // The database's order of stand-in values may differ from the blocks' in ties (0.0 and -0.0): sorted again.
            MetricBlock.addRows(
                    insert,
                    seriesId,
                    MetricBlock.sortedDistinct(page.stream().map(Stored::point).toList()));
            insert.executeBatch();
            if (page.size() < PAGE) {
                return;
            }
            Stored last = page.getLast();
            next.setLong(1, seriesId);
            next.setLong(2, last.step);
            next.setLong(3, last.timestamp);
            next.setDouble(4, last.value);
            next.setInt(5, last.kind);
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

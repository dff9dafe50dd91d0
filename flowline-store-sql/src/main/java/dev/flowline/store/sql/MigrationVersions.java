package dev.flowline.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The newest migration this Flowline has and the newest one a database has applied, compared without starting
 * Flyway: when they agree, opening a store needs no Flyway at all.
 */
final class MigrationVersions {
    /**
     * The newest migration, SQL under {@code db/migration} or Java ({@link SchemaManager#javaMigrations}), named here
     * rather than found by listing the class path: listing {@code db/migration} in the runnable jar reads all of its
     * 15,000 entries, which cost every start about 80 ms and 2.5 MiB of memory. {@code SchemaManagerTest} fails when a
     * new migration is not named here.
     */
    static final List<Long> NEWEST = List.of(10L);

    private static final Comparator<List<Long>> ORDER = (a, b) -> {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int c = Long.compare(i < a.size() ? a.get(i) : 0, i < b.size() ? b.get(i) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };

    private MigrationVersions() {}

    /** The highest successfully applied version in the history table, empty if any migration failed. */
    static Optional<List<Long>> newestApplied(Connection connection, String historyTable) throws SQLException {
        List<List<Long>> applied = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT version, success FROM " + historyTable)) {
            while (rs.next()) {
                if (!rs.getBoolean("success")) {
                    return Optional.empty();
                }
                String version = rs.getString("version");
                if (version != null) {
                    applied.add(parse(version));
                }
            }
        }
        return applied.stream().max(ORDER);
    }

    private static List<Long> parse(String version) {
        return Stream.of(version.split("[._]")).map(Long::parseLong).toList();
    }
}

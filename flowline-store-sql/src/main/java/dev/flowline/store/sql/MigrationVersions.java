package dev.flowline.store.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * The newest migration on the class path and the newest one a database has applied, read without starting
 * Flyway, which takes seconds to scan the class path: when they agree, opening a store needs no Flyway at all.
 */
final class MigrationVersions {
    private static final Pattern MIGRATION = Pattern.compile("(?:.*/)?V(\\d+(?:[._]\\d+)*)__[^/]*\\.sql");
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

    /** The highest version among the {@code V<version>__*.sql} files under {@code db/migration} and the Java ones. */
    static Optional<List<Long>> newestAvailable(List<JavaMigration> javaMigrations) {
        List<List<Long>> versions = new ArrayList<>();
        javaMigrations.forEach(m -> versions.add(parse(m.getVersion().getVersion())));
        try {
            for (URL url :
                    Collections.list(MigrationVersions.class.getClassLoader().getResources("db/migration"))) {
                for (String name : names(url)) {
                    Matcher matcher = MIGRATION.matcher(name);
                    if (matcher.matches()) {
                        versions.add(parse(matcher.group(1)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions.stream().max(ORDER);
    }

    private static List<String> names(URL url) throws IOException {
        if (url.getProtocol().equals("jar")) {
            JarURLConnection connection = (JarURLConnection) url.openConnection();
            connection.setUseCaches(false);
            try (var jar = connection.getJarFile()) {
                return jar.stream()
                        .map(e -> e.getName())
                        .filter(n -> n.startsWith("db/migration/"))
                        .toList();
            }
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.map(p -> p.getFileName().toString()).toList();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return List.of();
        }
    }

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

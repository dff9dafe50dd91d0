package dev.flowline.store.sql;

import dev.flowline.core.error.FlowlineException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A backend-store URI in MLflow's (SQLAlchemy's) form, translated to a JDBC connection.
 * {@code sqlite:///rel.db} is relative to the working directory, {@code sqlite:////abs.db} absolute;
 * {@code postgresql[+driver]://user:pass@host:port/db} and {@code mysql[+driver]://…} (also {@code mariadb://})
 * name a server database; a driver suffix such as {@code +psycopg2} is accepted and ignored.
 *
 * @param user     null when the URI names none
 * @param password null when the URI names none
 */
public record DatabaseUri(SqlDialect dialect, String jdbcUrl, String user, String password) {

    /** Whether the URI's scheme names a database this module serves. */
    public static boolean supports(URI uri) {
        String scheme = baseScheme(uri);
        return scheme.equals("sqlite")
                || scheme.equals("postgresql")
                || scheme.equals("postgres")
                || scheme.equals("mysql")
                || scheme.equals("mariadb");
    }

    /** Parses the URI or fails with INVALID_PARAMETER_VALUE naming the problem. */
    public static DatabaseUri parse(URI uri) {
        String scheme = baseScheme(uri);
        return switch (scheme) {
            case "sqlite" -> sqlite(uri);
            // Inside a transaction pgjdbc then reads large results 1000 rows at a time instead of all at once, so a
            // full history of a million points streams through a small heap. PostgreSQL's JIT compiler is off for
            // the session: its queries are short, and before the first ANALYZE of a freshly filled history the
            // planner's estimates passed the JIT threshold, so a 20 ms bulk-interval read spent 50-180 ms compiling.
            case "postgresql", "postgres" ->
                server(
                        uri,
                        new PostgresDialect(),
                        "jdbc:postgresql://",
                        5432,
                        "reWriteBatchedInserts=true&defaultRowFetchSize=1000&options=-c%20jit%3Doff");
            case "mysql", "mariadb" ->
                server(
                        uri,
                        new MySqlDialect(),
                        "jdbc:mariadb://",
                        3306,
                        "rewriteBatchedStatements=true&useServerPrepStmts=false&defaultFetchSize=1000&sessionVariables=sql_mode='ANSI_QUOTES,STRICT_TRANS_TABLES,NO_AUTO_VALUE_ON_ZERO'");
            default ->
                throw FlowlineException.invalidParameter("Unsupported backend store URI scheme '%s'", uri.getScheme());
        };
    }

    private static String baseScheme(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        int plus = scheme.indexOf('+');
        return plus < 0 ? scheme : scheme.substring(0, plus);
    }

    private static DatabaseUri sqlite(URI uri) {
        String raw = uri.toString();
        String rest = raw.substring(raw.indexOf(':') + 1);
        if (!rest.startsWith("///")) {
            throw FlowlineException.invalidParameter(
                    "Invalid SQLite URI '%s': use sqlite:///relative/path.db or sqlite:////absolute/path.db", raw);
        }
        String file = URLDecoder.decode(rest.substring(3), StandardCharsets.UTF_8);
        int query = file.indexOf('?');
        if (query >= 0) {
            file = file.substring(0, query);
        }
        if (file.isEmpty()) {
            throw FlowlineException.invalidParameter("Invalid SQLite URI '%s': it names no database file", raw);
        }
        String path = file.equals(":memory:")
                ? file
                : Path.of(file).toAbsolutePath().normalize().toString();
        return new DatabaseUri(new SqliteDialect(), "jdbc:sqlite:" + path, null, null);
    }

    private static DatabaseUri server(URI uri, SqlDialect dialect, String jdbcPrefix, int defaultPort, String options) {
        if (uri.getHost() == null) {
            throw FlowlineException.invalidParameter("Invalid database URI '%s': it names no host", redacted(uri));
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String database = path.startsWith("/") ? path.substring(1) : path;
        if (database.isEmpty()) {
            throw FlowlineException.invalidParameter("Invalid database URI '%s': it names no database", redacted(uri));
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : null;
        }
        int port = uri.getPort() < 0 ? defaultPort : uri.getPort();
        String query = uri.getRawQuery() == null ? options : options + "&" + uri.getRawQuery();
        String jdbcUrl = jdbcPrefix + uri.getHost() + ":" + port + "/" + database + "?" + query;
        return new DatabaseUri(dialect, jdbcUrl, user, password);
    }

    /** The URI without its password, for messages and logs. */
    public static String redacted(URI uri) {
        if (uri.getRawUserInfo() == null || !uri.getRawUserInfo().contains(":")) {
            return uri.toString();
        }
        return uri.toString().replace(uri.getRawUserInfo(), uri.getRawUserInfo().split(":", 2)[0] + ":***");
    }
}

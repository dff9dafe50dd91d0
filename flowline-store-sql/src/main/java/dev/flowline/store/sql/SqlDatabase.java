package dev.flowline.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Objects;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * A database and its connection pools. Reads run on a pool; writes run in a transaction, and on an
 * embedded database all of them go through one connection in arrival order, so clients never see
 * "database is locked".
 */
public final class SqlDatabase implements AutoCloseable {
    private final SqlDialect dialect;
    private final HikariDataSource readers;
    private final HikariDataSource writers;
    private final Jdbi readJdbi;
    private final Jdbi writeJdbi;
    private final WalCheckpointer checkpointer;

    private SqlDatabase(SqlDialect dialect, HikariDataSource readers, HikariDataSource writers) {
        this.dialect = dialect;
        this.readers = readers;
        this.writers = writers;
        this.readJdbi = Jdbi.create(readers);
        this.writeJdbi = writers == readers ? readJdbi : Jdbi.create(writers);
        this.checkpointer = dialect.singleWriter() ? new WalCheckpointer(readers) : null;
    }

    /**
     * Opens pools for the database.
     *
     * @param poolSize connections for a database server; an embedded database uses this many readers and one writer
     */
    public static SqlDatabase open(DatabaseUri uri, int poolSize) {
        Objects.requireNonNull(uri, "uri");
        if (uri.dialect().singleWriter()) {
            HikariDataSource readers = pool(uri, "flowline-read", poolSize);
            HikariDataSource writer = pool(uri, "flowline-write", 1);
            return new SqlDatabase(uri.dialect(), readers, writer);
        }
        HikariDataSource shared = pool(uri, "flowline", poolSize);
        return new SqlDatabase(uri.dialect(), shared, shared);
    }

    private static HikariDataSource pool(DatabaseUri uri, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(uri.jdbcUrl());
        if (uri.user() != null) {
            config.setUsername(uri.user());
        }
        if (uri.password() != null) {
            config.setPassword(uri.password());
        }
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        // Waiting for the single SQLite writer under load is normal; fail only after a generous wait.
        config.setConnectionTimeout(60_000);
        config.setInitializationFailTimeout(-1);
        if (uri.dialect() instanceof SqliteDialect) {
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("busy_timeout", "60000");
            config.addDataSourceProperty("foreign_keys", "true");
            // LIKE is case-sensitive on the other databases; ILIKE is written with LOWER() by the dialect.
            config.addDataSourceProperty("case_sensitive_like", "true");
            config.addDataSourceProperty("wal_autocheckpoint", Integer.toString(WalCheckpointer.WRITER_BACKSTOP_PAGES));
            // 8 MiB of page cache per connection (4x SQLite's default) for the history index's hot pages;
            // every reader has its own, so more would multiply into the server's footprint.
            config.addDataSourceProperty("cache_size", "-8192");
        }
        return new HikariDataSource(config);
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** The pool that writes (the single writer on an embedded database); for migrations. */
    public javax.sql.DataSource writerDataSource() {
        return writers;
    }

    /** Runs a read on a pooled connection, without a transaction. */
    public <R, X extends Exception> R read(HandleCallback<R, X> callback) throws X {
        return readJdbi.withHandle(callback);
    }

    /** Runs a read in one transaction, for reads that must see one consistent snapshot. */
    public <R, X extends Exception> R readConsistent(HandleCallback<R, X> callback) throws X {
        return readJdbi.inTransaction(TransactionIsolationLevel.UNKNOWN, callback);
    }

    /** Runs the callback in one write transaction: all of its changes commit or none do. */
    public <R, X extends Exception> R write(HandleCallback<R, X> callback) throws X {
        R result = writeJdbi.inTransaction(callback);
        if (checkpointer != null) {
            checkpointer.written();
        }
        return result;
    }

    @Override
    public void close() {
        if (checkpointer != null) {
            checkpointer.close();
        }
        readers.close();
        if (writers != readers) {
            writers.close();
        }
    }
}

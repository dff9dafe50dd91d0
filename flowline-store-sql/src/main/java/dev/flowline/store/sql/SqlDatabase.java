package dev.flowline.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
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
    /**
     * SQLite page cache of the one writer: 8 MiB (4x SQLite's default) keeps the history index's hot pages, which
     * every logged batch updates, in memory.
     */
    private static final int WRITER_CACHE_KIB = 8192;
    /**
     * SQLite page cache of each reader, up to 16 MiB, filled only as pages are read. A page of 1000 runs reads
     * their params, tags and latest metrics from a few thousand pages spread over the tables; with SQLite's
     * default of 2 MiB each search read most of them again from the operating system, one system call per 4 KiB
     * page (a third of a search ordered by a param went into those reads). With the pool of 8 the caches could
     * together reach 128 MiB, but only under as many concurrent searches of pages that large.
     */
    private static final int READER_CACHE_KIB = 16384;

    /**
     * SQLite's open flags READWRITE | CREATE | NOMUTEX: a pooled connection is used by one thread at a time and the
     * driver serialises its calls on a connection itself, so SQLite's own per-call connection mutex is redundant.
     */
    private static final int OPEN_READ_WRITE_CREATE_NO_MUTEX = 0x2 | 0x4 | 0x8000;

    private final SqlDialect dialect;
    private final HikariDataSource readers;
    private final HikariDataSource writers;
    private final Jdbi readJdbi;
    private final Jdbi writeJdbi;
    private final WalCheckpointer checkpointer;
    private final GroupCommit groupCommit;
    private final StatementCache statements = new StatementCache();

    private SqlDatabase(SqlDialect dialect, HikariDataSource readers, HikariDataSource writers) {
        this.dialect = dialect;
        this.readers = readers;
        this.writers = writers;
        this.readJdbi = Jdbi.create(readers);
        this.writeJdbi = writers == readers ? readJdbi : Jdbi.create(writers);
        this.checkpointer = dialect.singleWriter() ? new WalCheckpointer(readers) : null;
        this.groupCommit = dialect.singleWriter() ? new GroupCommit(writeJdbi) : null;
    }

    /**
     * Opens pools for the database.
     *
     * @param poolSize connections for a database server; an embedded database uses this many readers and one writer
     */
    public static SqlDatabase open(DatabaseUri uri, int poolSize) {
        Objects.requireNonNull(uri, "uri");
        if (uri.dialect().singleWriter()) {
            HikariDataSource writer = pool(uri, "flowline-write", 1, WRITER_CACHE_KIB, true);
            try {
                HikariDataSource readers = pool(uri, "flowline-read", poolSize, READER_CACHE_KIB, false);
                return new SqlDatabase(uri.dialect(), readers, writer);
            } catch (RuntimeException e) {
                writer.close();
                throw e;
            }
        }
        HikariDataSource shared = pool(uri, "flowline", poolSize, WRITER_CACHE_KIB, true);
        return new SqlDatabase(uri.dialect(), shared, shared);
    }

    private static HikariDataSource pool(DatabaseUri uri, String name, int size, int cacheKib, boolean writes) {
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
        // The writing pool connects at once, so a database that cannot be reached or a file that cannot be opened
        // fails the start with the driver's reason instead of after that wait; readers connect in the background.
        config.setInitializationFailTimeout(writes ? 1 : -1);
        if (uri.dialect() instanceof SqliteDialect) {
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("busy_timeout", "60000");
            config.addDataSourceProperty("foreign_keys", "true");
            // LIKE is case-sensitive on the other databases; ILIKE is written with LOWER() by the dialect.
            config.addDataSourceProperty("case_sensitive_like", "true");
            config.addDataSourceProperty("wal_autocheckpoint", Integer.toString(WalCheckpointer.WRITER_BACKSTOP_PAGES));
            config.addDataSourceProperty("cache_size", Integer.toString(-cacheKib));
            config.addDataSourceProperty("open_mode", Integer.toString(OPEN_READ_WRITE_CREATE_NO_MUTEX));
            if (writes) {
                // The single writer's savepoints (GroupCommit) journal in memory instead of in a temporary file.
                config.addDataSourceProperty("temp_store", "MEMORY");
            }
        }
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable reason = e.getCause() == null ? e : e.getCause();
            String database = uri.jdbcUrl().replaceFirst("\\?.*", "");
            throw new FlowlineException(
                    ErrorCode.INVALID_STATE,
                    "Cannot connect to the database (" + database + "): " + reason.getMessage(),
                    e);
        }
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** The pool that writes (the single writer on an embedded database); for migrations. */
    public javax.sql.DataSource writerDataSource() {
        return writers;
    }

    /**
     * A prepared statement for fixed SQL text, kept open with the connection for the next call that runs it. The
     * caller must not close it and may use it only while it holds the connection.
     */
    java.sql.PreparedStatement prepared(java.sql.Connection connection, String sql) throws java.sql.SQLException {
        return statements.prepare(connection, sql);
    }

    /** Runs a read on a pooled connection, without a transaction. */
    public <R, X extends Exception> R read(HandleCallback<R, X> callback) throws X {
        return readJdbi.withHandle(callback);
    }

    /** Runs a read in one transaction, for reads that must see one consistent snapshot. */
    public <R, X extends Exception> R readConsistent(HandleCallback<R, X> callback) throws X {
        return readJdbi.inTransaction(TransactionIsolationLevel.UNKNOWN, callback);
    }

    /**
     * Runs the callback in one write transaction: all of its changes commit or none do. On an embedded database,
     * writes that arrive together may share the transaction and its commit, each in its own savepoint
     * ({@link GroupCommit}); a callback sees the writes committed before it, and its own.
     */
    public <R, X extends Exception> R write(HandleCallback<R, X> callback) throws X {
        R result = groupCommit != null ? groupCommit.write(callback) : writeJdbi.inTransaction(callback);
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

package dev.flowline.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Copies SQLite's write-ahead log back into the database file in the background, so that the single writer's
 * commits never pay for a checkpoint and its fsync. The writer's own automatic checkpoint stays on, at a
 * larger size, as a backstop should this thread fall behind.
 */
final class WalCheckpointer implements AutoCloseable {
    /** WAL pages after which the writer checkpoints itself (about 40 MB). */
    static final int WRITER_BACKSTOP_PAGES = 10_000;

    private static final System.Logger LOG = System.getLogger(WalCheckpointer.class.getName());

    private final DataSource readers;
    private final AtomicBoolean written = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "flowline-wal-checkpoint");
        thread.setDaemon(true);
        return thread;
    });

    WalCheckpointer(DataSource readers) {
        this.readers = readers;
        timer.scheduleWithFixedDelay(this::checkpoint, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** Notes that a transaction committed, so the next tick checkpoints. */
    void written() {
        written.set(true);
    }

    private void checkpoint() {
        if (!written.getAndSet(false)) {
            return;
        }
        try (Connection connection = readers.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException | RuntimeException e) {
            written.set(true);
            LOG.log(System.Logger.Level.DEBUG, "WAL checkpoint deferred: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

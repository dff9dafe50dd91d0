package dev.flowline.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Commits the writes waiting for an embedded database's single writer together. The writer that takes the lock runs
 * every write queued by then in one transaction, each inside its own savepoint, and commits once; a write that fails
 * is rolled back to its savepoint alone and the others still commit. Each caller returns only after the commit that
 * holds its write, so an acknowledged write survives a crash as before. One client at a time gets a transaction per
 * write, as without grouping; under many clients the queued writes run back to back, where the connection used to
 * wait between transactions for the next caller's thread to be woken, and share the commit's fixed costs.
 */
final class GroupCommit {
    /** Writes committed together at most, so that one commit's wait stays short. */
    private static final int MAX_GROUP = 64;

    private final Jdbi jdbi;
    private final ReentrantLock writer = new ReentrantLock();
    private final Queue<Pending<?, ?>> queue = new ConcurrentLinkedQueue<>();

    GroupCommit(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Runs the callback in a committed transaction, possibly shared with writes queued at the same time. */
    <R, X extends Exception> R write(HandleCallback<R, X> callback) throws X {
        Pending<R, X> mine = new Pending<>(callback);
        queue.add(mine);
        writer.lock();
        try {
            // A writer ahead of this one may have committed it already, with its own group.
            while (!mine.done) {
                commitGroup();
            }
        } finally {
            writer.unlock();
        }
        return mine.outcome();
    }

    private void commitGroup() {
        List<Pending<?, ?>> group = new ArrayList<>();
        for (Pending<?, ?> next; group.size() < MAX_GROUP && (next = queue.poll()) != null; ) {
            group.add(next);
        }
        try (Handle handle = jdbi.open()) {
            handle.begin();
            if (group.size() == 1) {
                runAlone(handle, group.get(0));
            } else {
                for (Pending<?, ?> write : group) {
                    runInSavepoint(handle, write);
                }
                handle.commit();
            }
        } catch (RuntimeException | Error e) {
            // The transaction itself failed (connection, commit): none of the group's writes is stored.
            group.forEach(write -> write.failUnlessFailed(e));
        }
        group.forEach(write -> write.done = true);
    }

    private static void runAlone(Handle handle, Pending<?, ?> write) {
        if (write.run(handle)) {
            handle.commit();
        } else {
            handle.rollback();
        }
    }

    private static void runInSavepoint(Handle handle, Pending<?, ?> write) {
        // Plain JDBC: Jdbi forgets a savepoint once rolled back to, and then refuses to release it.
        Connection connection = handle.getConnection();
        try {
            Savepoint savepoint = connection.setSavepoint();
            if (!write.run(handle)) {
                connection.rollback(savepoint);
            }
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw Sql.internal(e);
        }
    }

    /** A queued write and, once its group is done, its result or what it threw. */
    private static final class Pending<R, X extends Exception> {
        private final HandleCallback<R, X> callback;
        private R result;
        private Throwable failure;
        /** Set and read under the writer lock. */
        private boolean done;

        Pending(HandleCallback<R, X> callback) {
            this.callback = callback;
        }

        /** Runs the write; false when it threw, which is kept for its caller. */
        boolean run(Handle handle) {
            try {
                result = callback.withHandle(handle);
                return true;
            } catch (Exception | Error e) {
                failure = e;
                return false;
            }
        }

        /** Replaces a result that was never committed; a write's own failure stays what its caller sees. */
        void failUnlessFailed(Throwable e) {
            if (failure == null) {
                failure = e;
                result = null;
            }
        }

        @SuppressWarnings("unchecked")
        R outcome() throws X {
            if (failure == null) {
                return result;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            // The callback declares only X among checked exceptions.
            throw (X) failure;
        }
    }
}

package dev.flowline.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes to an embedded database from many threads at once, so that they are committed in groups. */
class GroupCommitTest {
    private static final int WRITERS = 16;
    private static final int WRITES_EACH = 50;

    @TempDir
    Path directory;

    private SqlDatabase database;

    @BeforeEach
    void open() {
        database = SqlDatabase.open(DatabaseUri.parse(URI.create("sqlite:///" + directory.resolve("g.db"))), 4);
        database.write(h -> h.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, writer INTEGER NOT NULL)"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void everyWriteKeepsItsOwnResultAndAFailedOneLeavesNothing() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<String>>> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                outcomes.add(pool.submit(() -> {
                    start.await();
                    List<String> seen = new ArrayList<>();
                    for (int i = 0; i < WRITES_EACH; i++) {
                        int id = writer * WRITES_EACH + i;
                        boolean fails = id % 3 == 0;
                        try {
                            seen.add(database.write(h -> {
                                h.execute("INSERT INTO t (id, writer) VALUES (?, ?)", id, writer);
                                if (fails) {
                                    throw new IOException("write " + id + " refused");
                                }
                                return "stored " + id;
                            }));
                        } catch (IOException e) {
                            seen.add(e.getMessage());
                        }
                    }
                    return seen;
                }));
            }
            start.countDown();
            for (int w = 0; w < WRITERS; w++) {
                List<String> seen = outcomes.get(w).get();
                for (int i = 0; i < WRITES_EACH; i++) {
                    int id = w * WRITES_EACH + i;
                    assertThat(seen.get(i)).isEqualTo(id % 3 == 0 ? "write " + id + " refused" : "stored " + id);
                }
            }
        }
        List<Integer> stored = ids();
        List<Integer> expected = new ArrayList<>();
        for (int id = 0; id < WRITERS * WRITES_EACH; id++) {
            if (id % 3 != 0) {
                expected.add(id);
            }
        }
        assertThat(stored).isEqualTo(expected);
    }

    @Test
    void writesQueuedBehindARunningOneAreCommittedTogether() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        Phaser release = new Phaser(1);
        Thread first = Thread.ofPlatform()
                .start(() -> database.write(h -> {
                    inside.countDown();
                    // Holds the writer until the other writes are queued; it is always released below.
                    release.awaitAdvance(0);
                    return h.execute("INSERT INTO t (id, writer) VALUES (0, 0)");
                }));
        inside.await();
        Set<Long> ranOn = ConcurrentHashMap.newKeySet();
        List<Thread> queued = new ArrayList<>();
        for (int w = 1; w <= 4; w++) {
            int writer = w;
            queued.add(Thread.ofPlatform()
                    .start(() -> database.write(h -> {
                        ranOn.add(Thread.currentThread().threadId());
                        return h.execute("INSERT INTO t (id, writer) VALUES (?, ?)", writer, writer);
                    })));
        }
        // Each queued write parks on the writer lock once it is in the queue.
        while (queued.stream().anyMatch(t -> t.getState() != Thread.State.WAITING)) {
            Thread.sleep(5);
        }
        release.arrive();
        first.join();
        for (Thread t : queued) {
            t.join();
        }
        assertThat(ranOn).hasSize(1);
        assertThat(ids()).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aWriteSeesTheWritesBeforeItAndIsCommittedWhenItReturns() {
        database.write(h -> h.execute("INSERT INTO t (id, writer) VALUES (1, 1)"));
        int count = database.write(h -> {
            h.execute("INSERT INTO t (id, writer) VALUES (2, 1)");
            return h.createQuery("SELECT COUNT(*) FROM t").mapTo(Integer.class).one();
        });
        assertThat(count).isEqualTo(2);
        assertThat(ids()).containsExactly(1, 2);
    }

    @Test
    void aFailedStatementRollsBackTheWholeWriteAndLeavesTheTableUsable() {
        assertThatThrownBy(() -> database.write(h -> {
                    h.execute("INSERT INTO t (id, writer) VALUES (7, 1)");
                    return h.execute("INSERT INTO t (id, writer) VALUES (7, 2)");
                }))
                .hasMessageContaining("UNIQUE");
        database.write(h -> h.execute("INSERT INTO t (id, writer) VALUES (8, 1)"));
        assertThat(ids()).containsExactly(8);
    }

    private List<Integer> ids() {
        return database.read(h -> h.createQuery("SELECT id FROM t ORDER BY id")
                .mapTo(Integer.class)
                .list());
    }
}

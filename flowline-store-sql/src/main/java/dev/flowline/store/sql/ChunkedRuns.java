package dev.flowline.store.sql;

import dev.flowline.core.tracking.Run;
import dev.flowline.core.tracking.RunInfo;
import java.util.AbstractList;
import java.util.List;

/**
 * The runs of a large search page, whose params, tags and metrics are read a chunk of runs at a time as the list
 * is walked in order. A page of 50,000 runs answers in a bounded heap: only the runs' attributes (chosen by one
 * query, so the page's membership and order are one snapshot) and one chunk's data are held at once.
 */
final class ChunkedRuns extends AbstractList<Run> {
    /** Runs whose data is read together; pages up to this size are read in one go by {@link RunSearch}. */
    static final int CHUNK = 1000;

    private final SqlDatabase db;
    private final RunDataLoader loader;
    private final List<RunInfo> infos;
    private int loadedChunk = -1;
    private List<Run> loaded = List.of();

    ChunkedRuns(SqlDatabase db, RunDataLoader loader, List<RunInfo> infos) {
        this.db = db;
        this.loader = loader;
        this.infos = List.copyOf(infos);
    }

    @Override
    public Run get(int index) {
        int chunk = index / CHUNK;
        if (chunk != loadedChunk) {
            int from = chunk * CHUNK;
            List<RunInfo> part = infos.subList(from, Math.min(infos.size(), from + CHUNK));
            // Drop the previous chunk before reading the next, so two are never held at once.
            loaded = List.of();
            loaded = db.read(h -> loader.load(h, part));
            loadedChunk = chunk;
        }
        return loaded.get(index % CHUNK);
    }

    @Override
    public int size() {
        return infos.size();
    }
}

package dev.flowline.store.sql;

import java.util.Arrays;

/**
 * The distinct steps of many blocks, held as a sorted array and a buffer of steps not yet merged into it: memory
 * stays about twice the number of distinct steps however often the blocks repeat them (runs logging the same steps).
 */
final class DistinctSteps {
    private long[] steps = new long[1024];
    private int size;
    /** How many of {@code steps} are sorted and distinct. */
    private int distinct;

    /** Adds a block's steps, in order, up to {@code end}; repeats within the block are dropped at once. */
    void add(long[] blockSteps, long end) {
        for (int i = 0; i < blockSteps.length && blockSteps[i] <= end; i++) {
            if (i > 0 && blockSteps[i] == blockSteps[i - 1]) {
                continue;
            }
            if (size == steps.length) {
                compact();
                if (size > steps.length / 2) {
                    steps = Arrays.copyOf(steps, steps.length * 2);
                }
            }
            steps[size++] = blockSteps[i];
        }
    }

    /** The distinct steps, ascending. */
    long[] sorted() {
        compact();
        return Arrays.copyOf(steps, size);
    }

    private void compact() {
        if (distinct == size) {
            return;
        }
        Arrays.sort(steps, 0, size);
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (kept == 0 || steps[i] != steps[kept - 1]) {
                steps[kept++] = steps[i];
            }
        }
        size = kept;
        distinct = kept;
    }
}

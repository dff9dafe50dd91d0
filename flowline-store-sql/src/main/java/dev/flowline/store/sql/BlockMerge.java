package dev.flowline.store.sql;

import dev.flowline.core.tracking.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Merges a series' blocks, given in the order of their first steps, into its points in {@link MetricBlock#ORDER}
 * without repeats. A point is passed on once no later block can hold a point before it: when a block starts at a
 * higher step. Blocks of one series usually follow each other, so what is held back is about one block; blocks that
 * overlap (a step logged again later) are merged.
 */
final class BlockMerge {
    private final Predicate<Metric> sink;
    private final List<Metric> pending = new ArrayList<>();
    private boolean pendingSorted = true;
    private Metric last;
    private boolean stopped;

    /** Points go to {@code sink} in order; it answers whether it wants more. */
    BlockMerge(Predicate<Metric> sink) {
        this.sink = sink;
    }

    /**
     * Adds the next block, whose first step is not below any earlier block's; answers whether more points are
     * wanted.
     */
    boolean add(List<Metric> block) {
        if (block.isEmpty()) {
            return !stopped;
        }
        release(block.getFirst().step());
        if (stopped) {
            return false;
        }
        if (!pending.isEmpty() && MetricBlock.ORDER.compare(pending.getLast(), block.getFirst()) > 0) {
            pendingSorted = false;
        }
        pending.addAll(block);
        return true;
    }

    /** Passes on the points still held back, after the last block. */
    void finish() {
        release(null);
    }

    /** Passes on the held-back points below {@code bound} (all of them when null). */
    private void release(Long bound) {
        if (stopped || pending.isEmpty()) {
            return;
        }
        if (!pendingSorted) {
            pending.sort(MetricBlock.ORDER);
            pendingSorted = true;
        }
        int released = 0;
        while (released < pending.size() && !stopped) {
            Metric point = pending.get(released);
            if (bound != null && point.step() >= bound) {
                break;
            }
            released++;
            if (last == null || !MetricBlock.same(last, point)) {
                last = point;
                stopped = !sink.test(point);
            }
        }
        pending.subList(0, released).clear();
    }
}

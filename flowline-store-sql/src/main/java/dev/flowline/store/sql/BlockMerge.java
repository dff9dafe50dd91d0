package dev.flowline.store.sql;

import dev.flowline.core.tracking.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Merges a series' blocks, given in the order of their first points' step and timestamp, into its points in
 * {@link MetricBlock#ORDER} without repeats. A point is passed on once no later block can hold a point before it:
 * when the next block's first point has a higher step, or the same step and a later timestamp. Blocks of one series
 * usually follow each other, so what is held back is about one block; blocks that overlap (a step logged again, or
 * points logged out of order) are merged.
 */
final class BlockMerge {
    private final Predicate<Metric> sink;
    /** Points held back, in order. */
    private List<Metric> pending = new ArrayList<>();

    private Metric last;
    private boolean stopped;

    /** Points go to {@code sink} in order; it answers whether it wants more. */
    BlockMerge(Predicate<Metric> sink) {
        this.sink = sink;
    }

    /**
     * Adds the next block, in {@link MetricBlock#ORDER}, whose first point comes no earlier by step and timestamp
     * than any earlier block's; answers whether more points are wanted.
     */
    boolean add(List<Metric> block) {
        if (block.isEmpty()) {
            return !stopped;
        }
        Metric first = block.getFirst();
        release(point ->
                point.step() < first.step() || (point.step() == first.step() && point.timestamp() < first.timestamp()));
        if (stopped) {
            return false;
        }
        pending = merged(pending, block);
        return true;
    }

    /** Passes on the points still held back, after the last block. */
    void finish() {
        release(point -> true);
    }

    /** Passes on the held-back points that {@code before} accepts, which form a prefix of them. */
    private void release(Predicate<Metric> before) {
        int released = 0;
        while (released < pending.size() && !stopped && before.test(pending.get(released))) {
            Metric point = pending.get(released++);
            if (last == null || !MetricBlock.same(last, point)) {
                last = point;
                stopped = !sink.test(point);
            }
        }
        pending.subList(0, released).clear();
    }

    /** Two lists in {@link MetricBlock#ORDER} as one. */
    private static List<Metric> merged(List<Metric> a, List<Metric> b) {
        if (a.isEmpty() || MetricBlock.ORDER.compare(a.getLast(), b.getFirst()) <= 0) {
            a.addAll(b);
            return a;
        }
        List<Metric> merged = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            merged.add(MetricBlock.ORDER.compare(a.get(i), b.get(j)) <= 0 ? a.get(i++) : b.get(j++));
        }
        merged.addAll(a.subList(i, a.size()));
        merged.addAll(b.subList(j, b.size()));
        return merged;
    }
}

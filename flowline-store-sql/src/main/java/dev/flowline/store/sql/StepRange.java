package dev.flowline.store.sql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A run's steps of one metric as the latest-metrics row describes them: {@code first..last}, and whether every
 * step in between was logged exactly once. When every run's steps are dense and their union is one interval,
 * the union's distinct steps are known without reading the history, and sampling by rank is arithmetic; it
 * chooses the same steps as the window-function query over the history.
 */
record StepRange(long first, long last, boolean dense) {

    /** The run's first and last step, those inside {@code [start, end]} (null bounds are open). */
    List<Long> endsWithin(Long start, Long end) {
        return java.util.stream.Stream.of(first, last)
                .filter(step -> (start == null || step >= start) && (end == null || step <= end))
                .toList();
    }

    /**
     * The union of the ranges clipped to {@code [start, end]} as {@code {lo, hi}} ({@code lo > hi} when it is
     * empty); empty when a range is not dense or the ranges leave a gap, so the steps are not known this way.
     */
    static Optional<long[]> union(List<StepRange> ranges, Long start, Long end) {
        List<long[]> clipped = new ArrayList<>();
        for (StepRange range : ranges) {
            if (!range.dense) {
                return Optional.empty();
            }
            long lo = start == null ? range.first : Math.max(range.first, start);
            long hi = end == null ? range.last : Math.min(range.last, end);
            if (lo <= hi) {
                clipped.add(new long[] {lo, hi});
            }
        }
        if (clipped.isEmpty()) {
            return Optional.of(new long[] {1, 0});
        }
        clipped.sort(Comparator.comparingLong(r -> r[0]));
        long lo = clipped.getFirst()[0];
        long hi = clipped.getFirst()[1];
        for (long[] range : clipped) {
            if (range[0] > hi + 1) {
                return Optional.empty();
            }
            hi = Math.max(hi, range[1]);
        }
        return Optional.of(new long[] {lo, hi});
    }

    /** Up to {@code maxResults} evenly spread ranks of the steps {@code lo..hi}, first and last included. */
    static List<Long> sample(long lo, long hi, int maxResults) {
        TreeSet<Long> steps = new TreeSet<>();
        long count = hi - lo + 1;
        if (count <= maxResults) {
            for (long step = lo; step <= hi; step++) {
                steps.add(step);
            }
            return List.copyOf(steps);
        }
        long spread = Math.max(1, maxResults - 1);
        for (long j = 0; j <= spread; j++) {
            steps.add(lo + Math.floorDiv(j * (count - 1), spread));
        }
        return List.copyOf(steps);
    }
}

package dev.flowline.store.sql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A run's steps of one metric as the latest-metrics row describes them: {@code first..last}, and whether every
 * step in between was logged exactly once. When every run's steps are dense and their union is one interval, the
 * union's distinct steps are known without reading the history; {@link #sampledRanks} then picks MLflow's steps by
 * rank arithmetically, as it picks them from the steps read from the history otherwise.
 */
record StepRange(long first, long last, boolean dense) {

    /** The run's first and last step, those inside {@code [start, end]} (null bounds are open). */
    List<Long> endsWithin(Long start, Long end) {
        return java.util.stream.Stream.of(first, last)
                .filter(step -> (start == null || step >= start) && (end == null || step <= end))
                .toList();
    }

    /**
     * The union of the ranges as {@code {lo, hi}}; empty when there are none, when a range is not dense, or when the
     * ranges leave a gap, so the steps are not known this way.
     */
    static Optional<long[]> union(List<StepRange> ranges) {
        if (ranges.isEmpty() || ranges.stream().anyMatch(range -> !range.dense)) {
            return Optional.empty();
        }
        List<StepRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(StepRange::first));
        long lo = sorted.getFirst().first;
        long hi = sorted.getFirst().last;
        for (StepRange range : sorted) {
            if (range.first > hi + 1) {
                return Optional.empty();
            }
            hi = Math.max(hi, range.last);
        }
        return Optional.of(new long[] {lo, hi});
    }

    /**
     * MLflow's choice among the {@code count} distinct steps in the requested range, sorted, with {@code below} more
     * steps logged before the range: every rank when they fit in {@code maxResults}; otherwise the ranks
     * {@code int(i * count / maxResults)} for {@code i < maxResults} — each kept only while {@code below + rank <
     * count}, since MLflow compares its index into all the steps with the number in the range — and the last rank.
     */
    static List<Long> sampledRanks(long count, long below, int maxResults) {
        List<Long> ranks = new ArrayList<>();
        if (count <= maxResults) {
            for (long rank = 0; rank < count; rank++) {
                ranks.add(rank);
            }
            return ranks;
        }
        TreeSet<Long> chosen = new TreeSet<>();
        double interval = (double) count / maxResults;
        for (int i = 0; i < maxResults; i++) {
            long rank = (long) (i * interval);
            if (below + rank < count) {
                chosen.add(rank);
            }
        }
        chosen.add(count - 1);
        return List.copyOf(chosen);
    }
}

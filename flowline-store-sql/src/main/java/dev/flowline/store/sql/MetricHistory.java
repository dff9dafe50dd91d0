package dev.flowline.store.sql;

import dev.flowline.core.Page;
import dev.flowline.core.tracking.Metric;
import dev.flowline.core.tracking.MetricWithRunId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.result.ResultIterator;

/** Reads of metric histories from their blocks ({@link MetricBlock}): paged, per run, and downsampled. */
final class MetricHistory {
    /** MLflow's limit of points per run in a bulk-interval answer ({@code MAX_RESULTS_GET_METRIC_HISTORY}). */
    private static final int BULK_INTERVAL_POINTS_PER_RUN = 25_000;
    /** The order of get-history-bulk within a run, as MLflow's SQL store: timestamp, step, then value. */
    private static final Comparator<Metric> BULK_ORDER = Comparator.comparingLong(Metric::timestamp)
            .thenComparingLong(Metric::step)
            .thenComparing(MetricBlock.ORDER);

    private final SqlDatabase db;

    MetricHistory(SqlDatabase db) {
        this.db = db;
    }

    /**
     * One page of the history in MLflow's order: step, timestamp, then value. The blocks are merged in order up to
     * the page's end and one point more, which tells whether another page follows.
     */
    Page<Metric> history(String runId, String key, int maxResults, Optional<String> pageToken) {
        int offset = pageToken.map(PageToken::decodeOffset).orElse(0);
        long wanted = offset + (long) maxResults + 1;
        return db.readConsistent(h -> {
            List<Metric> page = new ArrayList<>();
            MetricSeries.of(h, runId, key).ifPresent(series -> {
                long[] seen = {0};
                merge(h, series, key, point -> {
                    if (seen[0]++ >= offset) {
                        page.add(point);
                    }
                    return seen[0] < wanted;
                });
            });
            return PageToken.page(page, offset, maxResults);
        });
    }

    /** Feeds the series' points to {@code sink} in order, reading blocks only while it wants more. */
    private static void merge(Handle h, long seriesId, String key, Predicate<Metric> sink) {
        BlockMerge merge = new BlockMerge(sink);
        try (ResultIterator<byte[]> blocks = h.createQuery(
                        "SELECT points FROM metric_blocks WHERE series_id = :series ORDER BY first_step, first_timestamp")
                .bind("series", seriesId)
                .map((rs, ctx) -> rs.getBytes(1))
                .iterator()) {
            while (blocks.hasNext()) {
                if (!merge.add(MetricBlock.decode(blocks.next(), key))) {
                    return;
                }
            }
        }
        merge.finish();
    }

    /** As MLflow's SQL store: at most {@code maxResults} points in all, by run id, then timestamp, step and value. */
    List<MetricWithRunId> bulk(List<String> runIds, String key, int maxResults) {
        return db.readConsistent(h -> {
            List<MetricWithRunId> result = new ArrayList<>();
            List<String> runs = Sql.distinct(runIds).stream().sorted().toList();
            for (Map.Entry<String, Long> series : MetricSeries.of(h, runs, key).entrySet()) {
                int remaining = maxResults - result.size();
                if (remaining <= 0) {
                    break;
                }
                // The first points by timestamp may come from any block: keep the smallest seen so far.
                PriorityQueue<Metric> first = new PriorityQueue<>(BULK_ORDER.reversed());
                merge(h, series.getValue(), key, point -> {
                    first.add(point);
                    if (first.size() > remaining) {
                        first.poll();
                    }
                    return true;
                });
                first.stream()
                        .sorted(BULK_ORDER)
                        .forEach(point -> result.add(new MetricWithRunId(series.getKey(), point)));
            }
            return result;
        });
    }

    /**
     * MLflow's downsampling: of the distinct steps the runs logged in the range, {@link StepRange#sampledRanks} picks
     * up to {@code maxResults} evenly spread and the last, each run's own first and last step in the range are added,
     * and the runs' points at those steps are read from the blocks that hold them, at most
     * {@link #BULK_INTERVAL_POINTS_PER_RUN} per run. Without a range, MLflow's default applies: from step 0 to the last
     * step logged.
     */
    Map<String, List<Metric>> bulkInterval(
            List<String> runIds, String key, Long startStep, Long endStep, int maxResults) {
        List<String> runs = Sql.distinct(runIds);
        Long start = startStep == null && endStep == null ? Long.valueOf(0) : startStep;
        return db.readConsistent(h -> {
            Map<String, Long> series = MetricSeries.of(h, runs, key);
            List<Long> seriesIds = List.copyOf(series.values());
            TreeSet<Long> steps = new TreeSet<>();
            List<StepRange> ranges = ranges(h, runs, key);
            Optional<long[]> union = StepRange.union(ranges);
            if (union.isPresent()) {
                // Every step from lo to hi was logged: counts and ranks are arithmetic.
                long lo = union.get()[0];
                long hi = union.get()[1];
                long first = start == null ? lo : Math.max(lo, start);
                long last = endStep == null ? hi : Math.min(hi, endStep);
                long below = Math.min(first, hi + 1) - lo;
                StepRange.sampledRanks(Math.max(0, last - first + 1), below, maxResults)
                        .forEach(rank -> steps.add(first + rank));
                ranges.forEach(r -> steps.addAll(r.endsWithin(start, endStep)));
            } else {
                steps.addAll(sampledSteps(h, seriesIds, start, endStep, maxResults));
                for (long seriesId : seriesIds) {
                    steps.addAll(ends(h, seriesId, start, endStep));
                }
            }
            Map<Long, List<Metric>> points = pointsAtSteps(h, seriesIds, steps, key);
            Map<String, List<Metric>> result = new LinkedHashMap<>();
            for (String runId : runs) {
                Long seriesId = series.get(runId);
                List<Metric> run = MetricBlock.sortedDistinct(
                        seriesId == null ? List.of() : points.getOrDefault(seriesId, List.of()));
                result.put(
                        runId,
                        run.size() <= BULK_INTERVAL_POINTS_PER_RUN
                                ? run
                                : run.subList(0, BULK_INTERVAL_POINTS_PER_RUN));
            }
            return result;
        });
    }

    /** Each run's step range of the metric, from the latest-metrics row. */
    private static List<StepRange> ranges(Handle h, List<String> runs, String key) {
        List<StepRange> ranges = new ArrayList<>();
        Sql.chunked(
                runs,
                chunk -> h.createQuery("SELECT min_step, step, dense_steps FROM latest_metrics WHERE name = :key"
                                + " AND run_id IN (" + Sql.names("r", chunk.size()) + ")")
                        .bind("key", key)
                        .bindMap(Sql.binds("r", chunk))
                        .map((rs, ctx) -> {
                            long min = rs.getLong("min_step");
                            boolean known = !rs.wasNull();
                            return new StepRange(min, rs.getLong("step"), known && rs.getInt("dense_steps") == 1);
                        })
                        .forEach(ranges::add));
        return ranges;
    }

    /** The series' first and last step, when they lie in the range (from the blocks' bounds). */
    private static List<Long> ends(Handle h, long seriesId, Long start, Long end) {
        return h.createQuery("SELECT MIN(first_step), MAX(last_step) FROM metric_blocks WHERE series_id = :series")
                .bind("series", seriesId)
                .map((rs, ctx) -> {
                    long first = rs.getLong(1);
                    if (rs.wasNull()) {
                        return List.<Long>of();
                    }
                    return new StepRange(first, rs.getLong(2), false).endsWithin(start, end);
                })
                .one();
    }

    /**
     * The series' points at the chosen steps. Only the blocks whose bounds enclose a chosen step are read whole:
     * their bounds are read first, from the index.
     */
    private Map<Long, List<Metric>> pointsAtSteps(Handle h, List<Long> seriesIds, TreeSet<Long> steps, String key) {
        Map<Long, List<Metric>> points = new HashMap<>();
        if (seriesIds.isEmpty() || steps.isEmpty()) {
            return points;
        }
        long[] chosen = steps.stream().mapToLong(Long::longValue).toArray();
        List<Long> blocks = new ArrayList<>();
        Sql.chunked(
                seriesIds,
                chunk -> h.createQuery("SELECT block_id, first_step, last_step FROM metric_blocks WHERE series_id IN ("
                                + Sql.names("r", chunk.size()) + ") AND first_step <= :last AND last_step >= :first")
                        .bindMap(Sql.binds("r", chunk))
                        .bind("first", steps.first())
                        .bind("last", steps.last())
                        .map((rs, ctx) -> {
                            Long inBlock = steps.ceiling(rs.getLong(2));
                            return inBlock != null && inBlock <= rs.getLong(3) ? rs.getLong(1) : null;
                        })
                        .forEach(block -> {
                            if (block != null) {
                                blocks.add(block);
                            }
                        }));
        RowMapper<Map.Entry<Long, List<Metric>>> decoded =
                (rs, ctx) -> Map.entry(rs.getLong(1), MetricBlock.decode(rs.getBytes(2), key, chosen));
        Consumer<Map.Entry<Long, List<Metric>>> collect = block ->
                points.computeIfAbsent(block.getKey(), k -> new ArrayList<>()).addAll(block.getValue());
        if (db.dialect().bindsArrays()) {
            // One statement of one parameter: lists of hundreds of ids cost PostgreSQL more to bind than to read.
            h.createQuery("SELECT series_id, points FROM metric_blocks WHERE block_id = ANY(:blocks)")
                    .bindArray("blocks", Long.class, blocks)
                    .map(decoded)
                    .forEach(collect);
        } else {
            Sql.chunked(
                    blocks,
                    chunk -> h.createQuery("SELECT series_id, points FROM metric_blocks WHERE block_id IN ("
                                    + Sql.names("b", chunk.size()) + ")")
                            .bindMap(Sql.binds("b", chunk))
                            .map(decoded)
                            .forEach(collect));
        }
        return points;
    }

    /**
     * MLflow's sample of the distinct steps the runs logged in the range, read from the blocks (their steps only, a
     * series at a time): the steps before the range are counted, those in it sampled in order.
     */
    private static List<Long> sampledSteps(
            Handle h, List<Long> seriesIds, Long startStep, Long endStep, int maxResults) {
        DistinctSteps logged = new DistinctSteps();
        for (long seriesId : seriesIds) {
            h.createQuery("SELECT points FROM metric_blocks WHERE series_id = :series AND first_step <= :end")
                    .bind("series", seriesId)
                    .bind("end", endStep == null ? Long.MAX_VALUE : endStep)
                    .map((rs, ctx) -> MetricBlock.steps(rs.getBytes(1)))
                    .forEach(steps -> logged.add(steps, endStep == null ? Long.MAX_VALUE : endStep));
        }
        long[] distinct = logged.sorted();
        int below = startStep == null ? 0 : lowerBound(distinct, startStep);
        long[] inRange = Arrays.copyOfRange(distinct, below, distinct.length);
        return StepRange.sampledRanks(inRange.length, below, maxResults).stream()
                .map(rank -> inRange[Math.toIntExact(rank)])
                .toList();
    }

    /** The index of the first value not below {@code key} in a sorted array. */
    private static int lowerBound(long[] sorted, long key) {
        int found = Arrays.binarySearch(sorted, key);
        return found >= 0 ? found : -found - 1;
    }
}

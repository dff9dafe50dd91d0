package dev.flowline.store.sql;

import dev.flowline.core.Page;
import dev.flowline.core.tracking.Metric;
import dev.flowline.core.tracking.MetricWithRunId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads of metric histories, paged, per run, and downsampled in the database. */
final class MetricHistory {
    /** A history row's columns after its series, read by position. */
    private static final String POINT = "step, timestamp_ms, value, value_kind";
    /** MLflow's limit of points per run in a bulk-interval answer ({@code MAX_RESULTS_GET_METRIC_HISTORY}). */
    private static final int BULK_INTERVAL_POINTS_PER_RUN = 25_000;
    /** The database's order of points: NaN and the infinities by their stored stand-ins. */
    private static final java.util.Comparator<Metric> POINT_ORDER = java.util.Comparator.comparingLong(Metric::step)
            .thenComparingLong(Metric::timestamp)
            .thenComparingDouble(m -> MetricValues.stored(m.value()));

    private final SqlDatabase db;

    MetricHistory(SqlDatabase db) {
        this.db = db;
    }

    /**
     * One page of the history in MLflow's order: step, timestamp, then value. The index gives step and timestamp
     * order, so the page is read in that order and points sharing a step and timestamp are put in value order
     * here, sparing the database a sort of the whole series. Only when such a group is cut by the page's start or
     * end does the database order by value too, since then it decides which points fall on the page.
     */
    Page<Metric> history(String runId, String key, int maxResults, Optional<String> pageToken) {
        int offset = pageToken.map(PageToken::decodeOffset).orElse(0);
        return db.readConsistent(h -> {
            Optional<Long> series = MetricSeries.of(h, runId, key);
            if (series.isEmpty()) {
                return PageToken.page(List.<Metric>of(), offset, maxResults);
            }
            long seriesId = series.get();
            // One point before the page, when there is one, shows whether the page starts inside a group.
            int before = offset > 0 ? 1 : 0;
            List<Metric> read =
                    points(h, seriesId, key, "step, timestamp_ms", offset - before, before + (long) maxResults + 1);
            List<Metric> points;
            if (cutsGroup(read, before) || cutsGroup(read, before + maxResults)) {
                points = points(h, seriesId, key, "step, timestamp_ms, value", offset, (long) maxResults + 1);
            } else {
                points = new ArrayList<>(read.subList(Math.min(before, read.size()), read.size()));
                points.sort(POINT_ORDER);
            }
            return PageToken.page(points, offset, maxResults);
        });
    }

    /** Whether the points at {@code index - 1} and {@code index} share step and timestamp. */
    private static boolean cutsGroup(List<Metric> points, int index) {
        if (index < 1 || index >= points.size()) {
            return false;
        }
        Metric previous = points.get(index - 1);
        Metric next = points.get(index);
        return previous.step() == next.step() && previous.timestamp() == next.timestamp();
    }

    private static List<Metric> points(Handle h, long seriesId, String key, String order, long offset, long limit) {
        return h.createQuery("SELECT " + POINT + " FROM metrics WHERE series_id = :series ORDER BY " + order
                        + " LIMIT :limit OFFSET :offset")
                .bind("series", seriesId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> point(rs, key, 1))
                .list();
    }

    /** The point whose step, timestamp, value and value kind are read from {@code first} on, by position. */
    private static Metric point(ResultSet rs, String key, int first) throws SQLException {
        return new Metric(
                key,
                MetricValues.decode(rs.getDouble(first + 2), rs.getInt(first + 3)),
                rs.getLong(first + 1),
                rs.getLong(first));
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
                h.createQuery("SELECT " + POINT + " FROM metrics WHERE series_id = :series"
                                + " ORDER BY timestamp_ms, step, value LIMIT :limit")
                        .bind("series", series.getValue())
                        .bind("limit", remaining)
                        .map((rs, ctx) -> new MetricWithRunId(series.getKey(), point(rs, key, 1)))
                        .forEach(result::add);
            }
            return result;
        });
    }

    /**
     * MLflow's downsampling: of the distinct steps the runs logged in the range, {@link StepRange#sampledRanks} picks
     * up to {@code maxResults} evenly spread and the last, each run's own first and last step in the range are added,
     * and the runs' points at those steps are read through the history index, at most
     * {@link #BULK_INTERVAL_POINTS_PER_RUN} per run. Without a range, MLflow's default applies: from step 0 to the last
     * step logged.
     */
    Map<String, List<Metric>> bulkInterval(
            List<String> runIds, String key, Long startStep, Long endStep, int maxResults) {
        List<String> runs = Sql.distinct(runIds);
        Long start = startStep == null && endStep == null ? Long.valueOf(0) : startStep;
        return db.readConsistent(h -> {
            Map<String, Long> series = MetricSeries.of(h, runs, key);
            Map<Long, String> runOfSeries = new java.util.HashMap<>();
            series.forEach((run, id) -> runOfSeries.put(id, run));
            List<Long> seriesIds = List.copyOf(series.values());
            java.util.TreeSet<Long> steps = new java.util.TreeSet<>();
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
            List<Long> chosen = List.copyOf(steps);
            Map<String, List<Metric>> points = new java.util.HashMap<>();
            // All runs in one statement per slice of steps, each (series, step) one seek in the history index.
            if (!seriesIds.isEmpty()) {
                Sql.chunked(
                        chosen,
                        chunk -> h.createQuery(db.dialect().pointsAtSteps(seriesIds.size(), chunk.size()))
                                .bindMap(Sql.binds("r", seriesIds))
                                .bindMap(Sql.binds("s", chunk))
                                .map((rs, ctx) -> Map.entry(runOfSeries.get(rs.getLong(1)), point(rs, key, 2)))
                                .forEach(e -> points.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                        .add(e.getValue())));
            }
            Map<String, List<Metric>> result = new LinkedHashMap<>();
            for (String runId : runs) {
                List<Metric> run = points.getOrDefault(runId, new ArrayList<>());
                run.sort(POINT_ORDER);
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

    /** The series' first and last step, when they lie in the range (an index lookup each). */
    private static List<Long> ends(Handle h, long seriesId, Long start, Long end) {
        return h.createQuery(
                        "SELECT MIN(step) AS first_step, MAX(step) AS last_step FROM metrics WHERE series_id = :series")
                .bind("series", seriesId)
                .map((rs, ctx) -> {
                    long first = rs.getLong("first_step");
                    if (rs.wasNull()) {
                        return List.<Long>of();
                    }
                    return java.util.stream.Stream.of(first, rs.getLong("last_step"))
                            .filter(step -> (start == null || step >= start) && (end == null || step <= end))
                            .toList();
                })
                .one();
    }

    /**
     * MLflow's sample of the distinct steps the runs logged in the range, read from the history index: the steps
     * before the range are counted, those in it read in order.
     */
    private List<Long> sampledSteps(Handle h, List<Long> seriesIds, Long startStep, Long endStep, int maxResults) {
        if (seriesIds.isEmpty()) {
            return List.of();
        }
        String ofSeries = " FROM metrics WHERE series_id IN (" + Sql.names("r", seriesIds.size()) + ")";
        long below = startStep == null
                ? 0
                : h.createQuery("SELECT COUNT(DISTINCT step)" + ofSeries + " AND step < :start")
                        .bindMap(Sql.binds("r", seriesIds))
                        .bind("start", startStep)
                        .mapTo(Long.class)
                        .one();
        var query = h.createQuery("SELECT DISTINCT step" + ofSeries + (startStep == null ? "" : " AND step >= :start")
                        + (endStep == null ? "" : " AND step <= :end") + " ORDER BY step")
                .bindMap(Sql.binds("r", seriesIds));
        if (startStep != null) {
            query.bind("start", startStep);
        }
        if (endStep != null) {
            query.bind("end", endStep);
        }
        java.util.stream.LongStream.Builder inRange = java.util.stream.LongStream.builder();
        query.map((rs, ctx) -> rs.getLong(1)).forEach(inRange::add);
        long[] distinct = inRange.build().toArray();
        return StepRange.sampledRanks(distinct.length, below, maxResults).stream()
                .map(rank -> distinct[Math.toIntExact(rank)])
                .toList();
    }
}

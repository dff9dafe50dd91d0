package dev.flowline.store.sql;

import dev.flowline.core.Page;
import dev.flowline.core.tracking.Metric;
import dev.flowline.core.tracking.MetricWithRunId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads of metric histories, paged, per run, and downsampled in the database. */
final class MetricHistory {
    private static final String POINT = "name, step, timestamp_ms, value, value_kind";
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
            // One point before the page, when there is one, shows whether the page starts inside a group.
            int before = offset > 0 ? 1 : 0;
            List<Metric> read =
                    points(h, runId, key, "step, timestamp_ms", offset - before, before + (long) maxResults + 1);
            List<Metric> points;
            if (cutsGroup(read, before) || cutsGroup(read, before + maxResults)) {
                points = points(h, runId, key, "step, timestamp_ms, value", offset, (long) maxResults + 1);
            } else {
                points = new ArrayList<>(read.subList(Math.min(before, read.size()), read.size()));
                points.sort(POINT_ORDER);
            }
            if (points.size() <= maxResults) {
                return Page.last(points);
            }
            return new Page<>(points.subList(0, maxResults), Optional.of(PageToken.encodeOffset(offset + maxResults)));
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

    private static List<Metric> points(Handle h, String runId, String key, String order, long offset, long limit) {
        // The key is known, so each row reads only its four numbers, by position.
        return h.createQuery("SELECT step, timestamp_ms, value, value_kind FROM metrics WHERE run_id = :runId"
                        + " AND name = :key ORDER BY " + order + " LIMIT :limit OFFSET :offset")
                .bind("runId", runId)
                .bind("key", key)
                .bind("limit", limit)
                .bind("offset", offset)
                .map((rs, ctx) -> new Metric(
                        key, MetricValues.decode(rs.getDouble(3), rs.getInt(4)), rs.getLong(2), rs.getLong(1)))
                .list();
    }

    /** As MLflow's SQL store: at most {@code maxResults} points in all, by run id, then timestamp, step and value. */
    List<MetricWithRunId> bulk(List<String> runIds, String key, int maxResults) {
        return db.readConsistent(h -> {
            List<MetricWithRunId> result = new ArrayList<>();
            for (String runId : Sql.distinct(runIds).stream().sorted().toList()) {
                int remaining = maxResults - result.size();
                if (remaining <= 0) {
                    break;
                }
                h.createQuery("SELECT " + POINT + " FROM metrics WHERE run_id = :runId AND name = :key"
                                + " ORDER BY timestamp_ms, step, value LIMIT :limit")
                        .bind("runId", runId)
                        .bind("key", key)
                        .bind("limit", remaining)
                        .map((rs, ctx) -> new MetricWithRunId(runId, MetricValues.read(rs)))
                        .forEach(result::add);
            }
            return result;
        });
    }

    /**
     * Chooses up to {@code maxResults} of the distinct steps the runs logged in the range, evenly spread and always
     * including the first and last (a window function over the step index, in the database), adds each run's own
     * first and last step in the range as MLflow does, then reads the points at those steps through the history index.
     * Without a range, MLflow's default applies: from step 0 to the last step logged.
     */
    Map<String, List<Metric>> bulkInterval(
            List<String> runIds, String key, Long startStep, Long endStep, int maxResults) {
        List<String> runs = Sql.distinct(runIds);
        Long start = startStep == null && endStep == null ? Long.valueOf(0) : startStep;
        return db.readConsistent(h -> {
            java.util.TreeSet<Long> steps = new java.util.TreeSet<>();
            List<StepRange> ranges = ranges(h, runs, key);
            Optional<long[]> union = StepRange.union(ranges, start, endStep);
            if (union.isPresent()) {
                steps.addAll(StepRange.sample(union.get()[0], union.get()[1], maxResults));
                ranges.forEach(r -> steps.addAll(r.endsWithin(start, endStep)));
            } else {
                steps.addAll(sampledSteps(h, runs, key, start, endStep, maxResults));
                for (String runId : runs) {
                    steps.addAll(ends(h, runId, key, start, endStep));
                }
            }
            List<Long> chosen = List.copyOf(steps);
            Map<String, List<Metric>> points = new java.util.HashMap<>();
            // All runs in one statement per slice of steps, each (run, key, step) one seek in the history index.
            Sql.chunked(
                    chosen,
                    chunk -> h.createQuery(db.dialect().pointsAtSteps(runs.size(), chunk.size()))
                            .bindMap(Sql.binds("r", runs))
                            .bind("key", key)
                            .bindMap(Sql.binds("s", chunk))
                            .map((rs, ctx) -> Map.entry(
                                    rs.getString(1),
                                    new Metric(
                                            key,
                                            MetricValues.decode(rs.getDouble(4), rs.getInt(5)),
                                            rs.getLong(3),
                                            rs.getLong(2))))
                            .forEach(e -> points.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                    .add(e.getValue())));
            Map<String, List<Metric>> result = new LinkedHashMap<>();
            for (String runId : runs) {
                List<Metric> run = points.getOrDefault(runId, new ArrayList<>());
                run.sort(POINT_ORDER);
                result.put(runId, capKeepingLast(run, maxResults));
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

    /** The run's first and last step of the metric, when they lie in the range (an index lookup each). */
    private static List<Long> ends(Handle h, String runId, String key, Long start, Long end) {
        return h.createQuery(
                        "SELECT MIN(step) AS first_step, MAX(step) AS last_step FROM metrics WHERE run_id = :runId AND name = :key")
                .bind("runId", runId)
                .bind("key", key)
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

    private static List<Metric> capKeepingLast(List<Metric> points, int maxResults) {
        if (points.size() <= maxResults) {
            return points;
        }
        List<Metric> capped = new ArrayList<>(points.subList(0, Math.max(0, maxResults - 1)));
        capped.add(points.getLast());
        return capped;
    }

    private List<Long> sampledSteps(
            Handle h, List<String> runs, String key, Long startStep, Long endStep, int maxResults) {
        if (runs.isEmpty()) {
            return List.of();
        }
        SqlDialect dialect = db.dialect();
        // Index i of n steps is kept when some j in 0..m gives floor(j * (n - 1) / m) = i, with m = maxResults - 1.
        String kept = "(" + dialect.integerDivide("rn * :spread + last_rn - 1", "NULLIF(last_rn, 0)")
                + ") * last_rn < (rn + 1) * :spread";
        String sql = "WITH steps AS (SELECT DISTINCT step FROM metrics WHERE run_id IN (" + Sql.names("r", runs.size())
                + ")"
                + " AND name = :key" + (startStep == null ? "" : " AND step >= :start")
                + (endStep == null ? "" : " AND step <= :end")
                + "), numbered AS (SELECT step, ROW_NUMBER() OVER (ORDER BY step) - 1 AS rn, COUNT(*) OVER () - 1 AS last_rn FROM steps)"
                + " SELECT step FROM numbered WHERE last_rn < :max OR rn = last_rn OR " + kept + " ORDER BY step";
        var query = h.createQuery(sql)
                .bindMap(Sql.binds("r", runs))
                .bind("key", key)
                .bind("max", (long) maxResults)
                .bind("spread", (long) Math.max(1, maxResults - 1));
        if (startStep != null) {
            query.bind("start", startStep);
        }
        if (endStep != null) {
            query.bind("end", endStep);
        }
        return query.mapTo(Long.class).list();
    }
}

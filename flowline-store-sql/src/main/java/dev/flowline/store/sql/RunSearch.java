package dev.flowline.store.sql;

import dev.flowline.core.Page;
import dev.flowline.core.search.RunSearchQuery;
import dev.flowline.core.tracking.LifecycleStage;
import dev.flowline.core.tracking.Run;
import dev.flowline.core.tracking.RunInfo;
import dev.flowline.core.tracking.ViewType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Run search pushed into SQL: a query per {@link RunOrder} segment picks the page of runs with their attributes (filter
 * as EXISTS lookups, a JOIN per order key), until the page is full; then {@link RunDataLoader} fetches just that page's
 * data — for pages over {@link ChunkedRuns#CHUNK} runs, a chunk at a time as the page is written.
 */
final class RunSearch {
    /**
     * Rows of the first order key per run of the searched experiments above which SQLite reads those runs and sorts
     * them: walking the key's index in order passes over this many rows of other experiments per run it finds.
     */
    private static final long KEY_ROWS_PER_RUN = 4;

    private final SqlDatabase db;
    private final RunDataLoader loader;

    RunSearch(SqlDatabase db, RunDataLoader loader) {
        this.db = db;
        this.loader = loader;
    }

    Page<Run> search(RunSearchQuery query) {
        int offset = query.pageToken().map(PageToken::decodeOffset).orElse(0);
        List<Long> experimentIds = SqlExperiments.parseIds(query.experimentIds());
        if (experimentIds.isEmpty()) {
            return Page.last(List.of());
        }
        int wanted = query.maxResults() + 1;
        return db.readConsistent(h -> {
            List<RunOrder.Segment> segments = RunOrder.segments(query.orderBy(), joinOrder(h, query, experimentIds));
            List<RunInfo> infos = new ArrayList<>();
            int skip = offset;
            for (int i = 0; i < segments.size() && infos.size() < wanted; i++) {
                RunOrder.Segment segment = segments.get(i);
                List<RunInfo> rows = page(h, query, experimentIds, segment, wanted - infos.size(), skip);
                infos.addAll(rows);
                // A segment that gave rows is used up from its start; one that gave none was skipped whole.
                boolean last = i == segments.size() - 1;
                skip = rows.isEmpty() && skip > 0 && !last ? skip - count(h, query, experimentIds, segment) : 0;
            }
            boolean more = infos.size() > query.maxResults();
            List<RunInfo> page = more ? infos.subList(0, query.maxResults()) : infos;
            List<Run> runs =
                    page.size() <= ChunkedRuns.CHUNK ? loader.load(h, page) : new ChunkedRuns(db, loader, page);
            return new Page<>(
                    runs, more ? Optional.of(PageToken.encodeOffset(offset + query.maxResults())) : Optional.empty());
        });
    }

    /**
     * For a planner without statistics, whether to read the experiments' runs and sort them or walk the first order
     * key's index: when other experiments hold most of the key's rows, the walk would pass over them to fill a page.
     * Both counts read an index only, the second no further than the answer needs.
     */
    private RunOrder.JoinOrder joinOrder(Handle h, RunSearchQuery query, List<Long> experimentIds) {
        Optional<String> table = RunOrder.keyTable(query.orderBy());
        if (table.isEmpty() || db.dialect().plansWithStatistics()) {
            return RunOrder.JoinOrder.PLANNER;
        }
        SqlFilter runs = new SqlFilter(db.dialect(), new RunFields());
        long runCount = h.createQuery(
                        "SELECT COUNT(*) FROM runs WHERE runs.experiment_id IN (" + inList(runs, experimentIds) + ")")
                .bindMap(runs.binds())
                .mapTo(Long.class)
                .one();
        long most = runCount * KEY_ROWS_PER_RUN;
        SqlFilter keys = new SqlFilter(db.dialect(), new RunFields());
        long keyRows = h.createQuery("SELECT COUNT(*) FROM (SELECT 1 FROM " + table.get() + " WHERE name = "
                        + keys.bind(query.orderBy().getFirst().field().key()) + " LIMIT " + keys.bind(most + 1)
                        + ") k")
                .bindMap(keys.binds())
                .mapTo(Long.class)
                .one();
        return keyRows > most ? RunOrder.JoinOrder.RUNS_FIRST : RunOrder.JoinOrder.KEY_FIRST;
    }

    /** Up to {@code limit} runs of the segment, in order, after skipping {@code skip} of them. */
    private List<RunInfo> page(
            Handle h, RunSearchQuery query, List<Long> experimentIds, RunOrder.Segment segment, int limit, int skip) {
        SqlFilter filter = new SqlFilter(db.dialect(), new RunFields());
        StringBuilder from = new StringBuilder(segment.from(filter));
        List<String> orderTerms = segment.orderTerms(filter, from);
        String sql = "SELECT " + SqlRuns.COLUMNS + " FROM " + from
                + where(filter, query, experimentIds, segment)
                + " ORDER BY " + String.join(", ", orderTerms)
                + " LIMIT " + filter.bind((long) limit)
                + " OFFSET " + filter.bind((long) skip);
        return h.createQuery(sql)
                .bindMap(filter.binds())
                .map((rs, ctx) -> SqlRuns.readInfo(rs))
                .list();
    }

    /** How many runs the segment holds. */
    private int count(Handle h, RunSearchQuery query, List<Long> experimentIds, RunOrder.Segment segment) {
        SqlFilter filter = new SqlFilter(db.dialect(), new RunFields());
        String sql = "SELECT COUNT(*) FROM " + segment.from(filter) + where(filter, query, experimentIds, segment);
        return h.createQuery(sql).bindMap(filter.binds()).mapTo(Integer.class).one();
    }

    private static String where(
            SqlFilter filter, RunSearchQuery query, List<Long> experimentIds, RunOrder.Segment segment) {
        StringBuilder where = new StringBuilder(" WHERE runs.experiment_id IN (")
                .append(inList(filter, experimentIds))
                .append(")")
                .append(stageCondition(filter, query.viewType()));
        String condition = segment.condition(filter);
        if (!condition.isEmpty()) {
            where.append(" AND ").append(condition);
        }
        query.filter()
                .ifPresent(
                        f -> where.append(" AND (").append(filter.translate(f)).append(")"));
        return where.toString();
    }

    private static String inList(SqlFilter filter, List<?> values) {
        return String.join(", ", values.stream().map(filter::bind).toList());
    }

    private static String stageCondition(SqlFilter filter, ViewType viewType) {
        return switch (viewType) {
            case ACTIVE_ONLY -> " AND runs.lifecycle_stage = " + filter.bind(LifecycleStage.ACTIVE.wireName());
            case DELETED_ONLY -> " AND runs.lifecycle_stage = " + filter.bind(LifecycleStage.DELETED.wireName());
            case ALL -> "";
        };
    }
}

package dev.flowline.store.sql;

import dev.flowline.core.Page;
import dev.flowline.core.search.OrderBy;
import dev.flowline.core.search.RunSearchQuery;
import dev.flowline.core.tracking.LifecycleStage;
import dev.flowline.core.tracking.Run;
import dev.flowline.core.tracking.RunInfo;
import dev.flowline.core.tracking.ViewType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Run search pushed into SQL: one query picks the page of runs with their attributes (filter as EXISTS lookups, a LEFT JOIN per
 * order key), then {@link RunDataLoader} fetches just that page's data — for pages over {@link ChunkedRuns#CHUNK} runs, a
 * chunk at a time as the page is written.
 */
final class RunSearch {
    private final SqlDatabase db;
    private final RunDataLoader loader;

    RunSearch(SqlDatabase db, RunDataLoader loader) {
        this.db = db;
        this.loader = loader;
    }

    Page<Run> search(RunSearchQuery query) {
        int offset = query.pageToken().map(PageToken::decodeOffset).orElse(0);
        List<Long> experimentIds = query.experimentIds().stream()
                .map(SqlExperiments::parseId)
                .filter(OptionalLong::isPresent)
                .map(OptionalLong::getAsLong)
                .distinct()
                .toList();
        if (experimentIds.isEmpty()) {
            return Page.last(List.of());
        }
        SqlFilter filter = new SqlFilter(db.dialect(), new RunFields());
        StringBuilder joins = new StringBuilder();
        List<String> orderTerms = new ArrayList<>();
        for (OrderBy order : query.orderBy()) {
            orderTerms.addAll(orderTerms(filter, joins, order, orderTerms.size()));
        }
        orderTerms.add("runs.start_time DESC");
        orderTerms.add("runs.run_id ASC");
        StringBuilder sql = new StringBuilder("SELECT " + SqlRuns.COLUMNS + " FROM runs")
                .append(joins)
                .append(" WHERE runs.experiment_id IN (")
                .append(inList(filter, experimentIds))
                .append(")")
                .append(stageCondition(filter, query.viewType()));
        query.filter()
                .ifPresent(f -> sql.append(" AND (").append(filter.translate(f)).append(")"));
        sql.append(" ORDER BY ")
                .append(String.join(", ", orderTerms))
                .append(" LIMIT ")
                .append(filter.bind((long) query.maxResults() + 1))
                .append(" OFFSET ")
                .append(filter.bind((long) offset));
        return db.readConsistent(h -> {
            List<RunInfo> infos = h.createQuery(sql.toString())
                    .bindMap(filter.binds())
                    .map((rs, ctx) -> SqlRuns.readInfo(rs))
                    .list();
            boolean more = infos.size() > query.maxResults();
            List<RunInfo> page = more ? infos.subList(0, query.maxResults()) : infos;
            List<Run> runs =
                    page.size() <= ChunkedRuns.CHUNK ? loader.load(h, page) : new ChunkedRuns(db, loader, page);
            return new Page<>(
                    runs, more ? Optional.of(PageToken.encodeOffset(offset + query.maxResults())) : Optional.empty());
        });
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

    /** ORDER BY terms for one clause, missing values and NaN last in both directions. */
    private static List<String> orderTerms(SqlFilter filter, StringBuilder joins, OrderBy order, int index) {
        String direction = order.ascending() ? " ASC" : " DESC";
        String alias = "o" + index;
        String key = order.field().key();
        return switch (order.field().type()) {
            case ATTRIBUTE -> {
                String column = RunFields.attributeColumn(key);
                yield List.of("CASE WHEN " + column + " IS NULL THEN 1 ELSE 0 END", column + direction);
            }
            case METRIC -> {
                joins.append(" LEFT JOIN latest_metrics ")
                        .append(alias)
                        .append(" ON ")
                        .append(alias)
                        .append(".run_id = runs.run_id AND ")
                        .append(alias)
                        .append(".name = ")
                        .append(filter.bind(key));
                yield List.of(
                        "CASE WHEN " + alias + ".run_id IS NULL OR " + alias + ".value_kind = " + MetricValues.NAN
                                + " THEN 1 ELSE 0 END",
                        alias + ".value" + direction);
            }
            case PARAM, TAG -> {
                joins.append(" LEFT JOIN ")
                        .append(order.field().type() == dev.flowline.core.search.EntityType.PARAM ? "params " : "tags ")
                        .append(alias)
                        .append(" ON ")
                        .append(alias)
                        .append(".run_id = runs.run_id AND ")
                        .append(alias)
                        .append(".name = ")
                        .append(filter.bind(key));
                yield List.of("CASE WHEN " + alias + ".value IS NULL THEN 1 ELSE 0 END", alias + ".value" + direction);
            }
            case DATASET -> throw new IllegalArgumentException("Runs cannot be ordered by datasets");
        };
    }
}

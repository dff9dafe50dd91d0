package dev.flowline.store.sql;

import dev.flowline.core.Page;
import dev.flowline.core.search.ExperimentSearchQuery;
import dev.flowline.core.search.Field;
import dev.flowline.core.search.Literal;
import dev.flowline.core.search.Operator;
import dev.flowline.core.search.OrderBy;
import dev.flowline.core.tracking.Experiment;
import dev.flowline.core.tracking.LifecycleStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Experiment search pushed into SQL: name and times are columns, tags EXISTS lookups. */
final class ExperimentSearch implements SqlFilter.FieldSql {
    private static final Map<String, String> COLUMNS = Map.of(
            "name", "experiments.name",
            "creation_time", "experiments.creation_time",
            "last_update_time", "experiments.last_update_time",
            "experiment_id", "experiments.experiment_id");

    private final SqlDatabase db;
    private final SqlExperiments experiments;

    ExperimentSearch(SqlDatabase db, SqlExperiments experiments) {
        this.db = db;
        this.experiments = experiments;
    }

    Page<Experiment> search(ExperimentSearchQuery query) {
        int offset = query.pageToken().map(PageToken::decodeOffset).orElse(0);
        SqlFilter filter = new SqlFilter(db.dialect(), this);
        StringBuilder where = new StringBuilder("1 = 1");
        switch (query.viewType()) {
            case ACTIVE_ONLY ->
                where.append(" AND lifecycle_stage = ").append(filter.bind(LifecycleStage.ACTIVE.wireName()));
            case DELETED_ONLY ->
                where.append(" AND lifecycle_stage = ").append(filter.bind(LifecycleStage.DELETED.wireName()));
            case ALL -> {}
        }
        query.filter()
                .ifPresent(
                        f -> where.append(" AND (").append(filter.translate(f)).append(")"));
        List<String> order = new ArrayList<>();
        for (OrderBy clause : query.orderBy()) {
            order.add(column(clause.field()) + (clause.ascending() ? " ASC" : " DESC"));
        }
        if (query.orderBy().isEmpty()) {
            order.add("experiments.creation_time DESC");
        }
        order.add("experiments.experiment_id ASC");
        where.append(" ORDER BY ")
                .append(String.join(", ", order))
                .append(" LIMIT ")
                .append(filter.bind((long) query.maxResults() + 1))
                .append(" OFFSET ")
                .append(filter.bind((long) offset));
        return db.readConsistent(h -> {
            List<Experiment> found = experiments.load(h, where.toString(), q -> q.bindMap(filter.binds()));
            return PageToken.page(found, offset, query.maxResults());
        });
    }

    @Override
    public String condition(SqlFilter sql, Field field, Operator op, Literal value) {
        return switch (field.type()) {
            case TAG ->
                "EXISTS (SELECT 1 FROM experiment_tags f WHERE f.experiment_id = experiments.experiment_id"
                        + " AND f.name = " + sql.bind(field.key()) + " AND " + sql.compare("f.value", op, value) + ")";
            case ATTRIBUTE -> sql.compare(column(field), op, value);
            default -> throw new IllegalArgumentException("Experiments have no " + field.type() + " fields");
        };
    }

    private static String column(Field field) {
        String column = COLUMNS.get(field.key());
        if (column == null) {
            throw new IllegalArgumentException("Not an experiment attribute: " + field.key());
        }
        return column;
    }
}

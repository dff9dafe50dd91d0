package dev.flowline.store.sql;

import dev.flowline.core.search.EntityType;
import dev.flowline.core.search.OrderBy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The order of a run search as SQL, split into consecutive segments that together list the runs in one order, MLflow's:
 * for each key the runs with a value first, by it, then those whose metric is NaN, then those without the key, in
 * both directions; ties broken by the later keys, then start time (newest first) and run id.
 *
 * <p>When the first key is a metric or param, the runs that have a value for it form the first segment, queried as an
 * inner join ordered by that value, so that an index on (name, value) can deliver the order and the query can stop
 * after a page instead of sorting the whole experiment. Runs whose value is NaN, then runs without the key, follow as
 * segments of their own, ordered by the later keys. Any other order is one segment (tags have no value index:
 * writing one for every tag cost more than the searches ordered by a tag gain).
 */
final class RunOrder {
    /** The alias of the first key's table in a segment that joins it. */
    private static final String FIRST = "k";

    /**
     * Which side of a segment's join with its first key's rows is read first. A planner with statistics chooses
     * itself; SQLite, without them, is told: its own guess assumes an experiment holds few runs, and reads all of a
     * large experiment's runs to sort them instead of walking the key's value index and stopping after a page.
     */
    enum JoinOrder {
        /** The database's planner chooses. */
        PLANNER,
        /** The experiments' runs first, then each one's key row (for experiments that hold few of the key's rows). */
        RUNS_FIRST,
        /** The key's rows in value order first, then each one's run. */
        KEY_FIRST
    }

    /** One segment: the runs joined with {@code join} that meet {@code condition}, ordered by the order terms. */
    interface Segment {
        /** The FROM clause's tables: {@code runs} and the joins it needs, with their parameters bound to the filter. */
        String from(SqlFilter filter);

        /** A condition on the segment's runs, or an empty string. */
        String condition(SqlFilter filter);

        /** The ORDER BY terms, through the final tie-breaks; may add joins (of the sort keys) to the FROM clause. */
        List<String> orderTerms(SqlFilter filter, StringBuilder from);
    }

    private RunOrder() {}

    /** The table of the first order key when it is a metric or param: the one whose index can give the order. */
    static Optional<String> keyTable(List<OrderBy> orderBy) {
        return keyed(orderBy)
                ? Optional.of(KeyTable.of(orderBy.getFirst().field().type()).name)
                : Optional.empty();
    }

    private static boolean keyed(List<OrderBy> orderBy) {
        if (orderBy.isEmpty()) {
            return false;
        }
        EntityType type = orderBy.getFirst().field().type();
        return type == EntityType.METRIC || type == EntityType.PARAM;
    }

    /**
     * The segments, in result order, for the order keys of a search.
     *
     * @param joinOrder how the runs are joined with the first key's rows
     */
    static List<Segment> segments(List<OrderBy> orderBy, JoinOrder joinOrder) {
        if (!keyed(orderBy)) {
            return List.of(new Plain(orderBy));
        }
        OrderBy first = orderBy.getFirst();
        List<OrderBy> rest = orderBy.subList(1, orderBy.size());
        KeyTable table = KeyTable.of(first.field().type());
        Segment valued = new Keyed(table, joinOrder, first, rest, table.valued(FIRST), true);
        Segment missing = new Missing(table, first.field().key(), rest);
        if (table != KeyTable.METRICS) {
            return List.of(valued, missing);
        }
        Segment nan = new Keyed(table, joinOrder, first, rest, FIRST + ".value_kind = " + MetricValues.NAN, false);
        return List.of(valued, nan, missing);
    }

    /** The table holding a kind of key, and what counts as having a value in it. */
    private enum KeyTable {
        METRICS("latest_metrics"),
        PARAMS("params"),
        TAGS("tags");

        final String name;

        KeyTable(String name) {
            this.name = name;
        }

        static KeyTable of(EntityType type) {
            return switch (type) {
                case METRIC -> METRICS;
                case PARAM -> PARAMS;
                case TAG -> TAGS;
                case ATTRIBUTE, DATASET, REQUEST_METADATA ->
                    throw new IllegalArgumentException(
                            "Runs cannot be ordered by " + type.name().toLowerCase(Locale.ROOT) + "s");
            };
        }

        /** The condition on the row aliased {@code alias} for the key not to count as missing. */
        String present(String alias) {
            return this == TAGS ? alias + ".value IS NOT NULL" : "";
        }

        /** The condition on the row aliased {@code alias} for a run to have a value to order by (not NaN). */
        String valued(String alias) {
            return this == METRICS ? alias + ".value_kind <> " + MetricValues.NAN : present(alias);
        }

        /** {@code <kind> JOIN table alias ON alias.run_id = runs.run_id AND alias.name = :key}. */
        String join(SqlFilter filter, String kind, String alias, String key) {
            return " " + kind + " JOIN " + name + " " + alias + on(filter, alias, key);
        }

        /**
         * {@code runs} joined with the table's rows of the key in the given order; SQLite keeps the order of the
         * tables around a {@code CROSS JOIN}.
         */
        String joinedWithRuns(SqlFilter filter, JoinOrder order, String alias, String key) {
            return switch (order) {
                case PLANNER -> "runs" + join(filter, "INNER", alias, key);
                case RUNS_FIRST -> "runs" + join(filter, "CROSS", alias, key);
                case KEY_FIRST -> name + " " + alias + " CROSS JOIN runs" + on(filter, alias, key);
            };
        }

        private static String on(SqlFilter filter, String alias, String key) {
            return " ON " + alias + ".run_id = runs.run_id AND " + alias + ".name = " + filter.bind(key);
        }
    }

    /** An order without a metric, param or tag first: one sort over all runs. */
    private record Plain(List<OrderBy> orderBy) implements Segment {
        @Override
        public String from(SqlFilter filter) {
            return "runs";
        }

        @Override
        public String condition(SqlFilter filter) {
            return "";
        }

        @Override
        public List<String> orderTerms(SqlFilter filter, StringBuilder from) {
            return terms(filter, from, orderBy, 0);
        }
    }

    /** Runs that have a row for the first key meeting {@code condition}; ordered by its value if {@code byValue}. */
    private record Keyed(
            KeyTable table, JoinOrder joinOrder, OrderBy first, List<OrderBy> rest, String condition, boolean byValue)
            implements Segment {
        @Override
        public String from(SqlFilter filter) {
            return table.joinedWithRuns(filter, joinOrder, FIRST, first.field().key());
        }

        @Override
        public String condition(SqlFilter filter) {
            return condition;
        }

        @Override
        public List<String> orderTerms(SqlFilter filter, StringBuilder from) {
            List<String> terms = new ArrayList<>();
            if (byValue) {
                terms.add(FIRST + ".value" + direction(first));
            }
            terms.addAll(terms(filter, from, rest, 1));
            return terms;
        }
    }

    /** Runs without a value for the first key: no row for it, or (tags) a row whose value is NULL. */
    private record Missing(KeyTable table, String key, List<OrderBy> rest) implements Segment {
        @Override
        public String from(SqlFilter filter) {
            return "runs";
        }

        @Override
        public String condition(SqlFilter filter) {
            String present = table.present(FIRST);
            return "NOT EXISTS (SELECT 1 FROM " + table.name + " " + FIRST + " WHERE " + FIRST
                    + ".run_id = runs.run_id AND " + FIRST + ".name = " + filter.bind(key)
                    + (present.isEmpty() ? "" : " AND " + present) + ")";
        }

        @Override
        public List<String> orderTerms(SqlFilter filter, StringBuilder from) {
            return terms(filter, from, rest, 1);
        }
    }

    private static String direction(OrderBy order) {
        return order.ascending() ? " ASC" : " DESC";
    }

    /**
     * ORDER BY terms for the keys, each with NaN and then missing values last in both directions, then the
     * tie-breaks; each metric, param or tag key is LEFT JOINed as {@code o<index>}.
     */
    private static List<String> terms(SqlFilter filter, StringBuilder joins, List<OrderBy> keys, int firstIndex) {
        List<String> terms = new ArrayList<>();
        int index = firstIndex;
        for (OrderBy order : keys) {
            terms.addAll(terms(filter, joins, order, "o" + index++));
        }
        terms.add("runs.start_time DESC");
        terms.add("runs.run_id ASC");
        return terms;
    }

    private static List<String> terms(SqlFilter filter, StringBuilder joins, OrderBy order, String alias) {
        String direction = direction(order);
        String key = order.field().key();
        if (order.field().type() == EntityType.ATTRIBUTE) {
            String column = RunFields.attributeColumn(key);
            return List.of("CASE WHEN " + column + " IS NULL THEN 1 ELSE 0 END", column + direction);
        }
        KeyTable table = KeyTable.of(order.field().type());
        joins.append(table.join(filter, "LEFT", alias, key));
        // MLflow's rank of a key's value: a value 0, NaN 1, missing 2 (params and tags have no NaN).
        String rank = table == KeyTable.METRICS
                ? "CASE WHEN " + alias + ".run_id IS NULL THEN 2 WHEN " + alias + ".value_kind = " + MetricValues.NAN
                        + " THEN 1 ELSE 0 END"
                : "CASE WHEN " + alias + ".value IS NULL THEN 1 ELSE 0 END";
        return List.of(rank, alias + ".value" + direction);
    }
}

package dev.flowline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowline.core.Page;
import dev.flowline.core.search.RunSearchQuery;
import dev.flowline.core.search.SearchParser;
import dev.flowline.core.tracking.Metric;
import dev.flowline.core.tracking.Param;
import dev.flowline.core.tracking.Run;
import dev.flowline.core.tracking.RunTag;
import dev.flowline.core.tracking.ViewType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The order part of the run search contract, checked against a model of the runs: runs with a value for an order key
 * first, by value, then NaN and missing values, ties broken by the later keys, then start time (newest first) and run
 * id; and pages of any size that together list the same runs as one page. NaN comes before missing values in both
 * directions on every database, as in MLflow's SQL store.
 */
public abstract class BaseRunOrderTest extends BaseTrackingStoreTest {
    private static final List<List<String>> ORDERS = List.of(
            List.of(),
            List.of("metrics.s DESC"),
            List.of("metrics.s ASC"),
            List.of("params.q"),
            List.of("params.q DESC", "metrics.s DESC"),
            List.of("tags.u DESC", "params.q ASC"),
            List.of("tags.u ASC", "metrics.s ASC"),
            List.of("metrics.t ASC", "metrics.s DESC"),
            List.of("metrics.s DESC", "metrics.t DESC", "tags.u"),
            List.of("attributes.start_time ASC", "params.q"));

    /** A run as the test made it; {@code s} is null where metric {@code s} was never logged. */
    private record Model(
            String id, String experiment, long start, boolean deleted, Double s, double t, String q, String u) {}

    private final List<String> experiments = new ArrayList<>();
    private final List<Model> runs = new ArrayList<>();

    /**
     * Two experiments of 18 runs in all: start times in pairs, metric {@code s} with ties, NaN, infinities and gaps,
     * metric {@code t} everywhere, param {@code q} and tag {@code u} with ties and gaps; two runs deleted.
     */
    private void createRunsOnce() {
        if (!experiments.isEmpty()) {
            return;
        }
        experiments.add(newExperiment());
        experiments.add(newExperiment());
        for (int i = 0; i < 18; i++) {
            String experiment = experiments.get(i % 3 == 0 ? 1 : 0);
            long start = NOW + i / 2;
            String id = newRun(experiment, start, List.of());
            Double s = s(i);
            double t = i % 3;
            String q = i % 6 == 5 ? null : "q" + i % 3;
            String u = i % 4 == 1 ? null : "u" + i % 2;
            List<Metric> metrics = new ArrayList<>(List.of(metric("t", t, 0)));
            if (s != null) {
                metrics.add(metric("s", s, 0));
            }
            store().logBatch(
                            id,
                            metrics,
                            q == null ? List.of() : List.of(new Param("q", q)),
                            u == null ? List.of() : List.of(new RunTag("u", u)));
            boolean deleted = i == 6 || i == 13;
            if (deleted) {
                store().deleteRun(id, NOW);
            }
            runs.add(new Model(id, experiment, start, deleted, s, t, q, u));
        }
    }

    /** Metric {@code s} of run i: missing, NaN, an infinity or one of a few tied values. */
    private static Double s(int i) {
        if (i % 5 == 0) {
            return null;
        }
        if (i % 7 == 3) {
            return Double.NaN;
        }
        if (i == 4 || i == 8) {
            return i == 4 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return (i % 4) / 2.0;
    }

    @Test
    void everyOrderListsRunsAsTheModelDoesAndPagesAddUpToOnePage() {
        createRunsOnce();
        for (ViewType viewType : ViewType.values()) {
            for (List<String> order : ORDERS) {
                assertListedAsModelled(experiments, order, viewType, null, null, 1, 2, 5, 7);
            }
        }
    }

    @Test
    void aFilterKeepsTheOrderOfTheRunsItLets() {
        createRunsOnce();
        String filter = "params.q != 'q1' and metrics.t < 2";
        Predicate<Model> kept = m -> m.q() != null && !m.q().equals("q1") && m.t() < 2;
        for (List<String> order : ORDERS) {
            assertListedAsModelled(experiments, order, ViewType.ACTIVE_ONLY, filter, kept, 3);
        }
    }

    @Test
    void anExperimentHoldingFewOfAKeysRowsListsItsRunsTheSame() {
        createRunsOnce();
        // Another experiment holds most rows of every key: walking a key's index would mostly pass over them.
        String crowd = newExperiment();
        for (int i = 0; i < 100; i++) {
            store().logBatch(
                            newRun(crowd, NOW + i, List.of()),
                            List.of(metric("s", i, 0), metric("t", i, 0)),
                            List.of(new Param("q", "q" + i % 3)),
                            List.of(new RunTag("u", "u" + i % 2)));
        }
        List<String> small = List.of(experiments.get(1));
        Predicate<Model> inSmall = m -> m.experiment().equals(experiments.get(1));
        for (List<String> order : ORDERS) {
            assertListedAsModelled(small, order, ViewType.ALL, null, inSmall, 2);
        }
    }

    /**
     * One page of the search lists the runs as the model orders those {@code kept} (all when null), and pages of each
     * size add up to that page.
     */
    private void assertListedAsModelled(
            List<String> experimentIds,
            List<String> order,
            ViewType viewType,
            String filter,
            Predicate<Model> kept,
            int... pageSizes) {
        List<String> all = ids(search(experimentIds, order, viewType, filter, 1000, Optional.empty()));
        assertThat(all).as("%s %s", order, viewType).isEqualTo(expected(order, viewType, kept));
        for (int pageSize : pageSizes) {
            assertThat(paged(experimentIds, order, viewType, filter, pageSize))
                    .as("%s %s, pages of %d", order, viewType, pageSize)
                    .isEqualTo(all);
        }
    }

    private Page<Run> search(
            List<String> experimentIds,
            List<String> order,
            ViewType viewType,
            String filter,
            int maxResults,
            Optional<String> token) {
        return store().searchRuns(new RunSearchQuery(
                experimentIds,
                SearchParser.parseRunFilter(filter),
                SearchParser.parseRunOrderBy(order),
                viewType,
                maxResults,
                token));
    }

    private List<String> paged(
            List<String> experimentIds, List<String> order, ViewType viewType, String filter, int pageSize) {
        List<String> seen = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            Page<Run> page = search(experimentIds, order, viewType, filter, pageSize, token);
            assertThat(page.items().size()).isLessThanOrEqualTo(pageSize);
            seen.addAll(ids(page));
            token = page.nextPageToken();
        } while (token.isPresent());
        return seen;
    }

    private static List<String> ids(Page<Run> page) {
        return page.items().stream().map(r -> r.info().runId()).toList();
    }

    /** The model's order. */
    private List<String> expected(List<String> order, ViewType viewType, Predicate<Model> filter) {
        Comparator<Model> comparator = (a, b) -> 0;
        for (String clause : order) {
            comparator = comparator.thenComparing(key(clause));
        }
        comparator = comparator
                .thenComparing(Comparator.comparingLong(Model::start).reversed())
                .thenComparing(Model::id);
        return runs.stream()
                .filter(m -> switch (viewType) {
                    case ACTIVE_ONLY -> !m.deleted();
                    case DELETED_ONLY -> m.deleted();
                    case ALL -> true;
                })
                .filter(filter == null ? m -> true : filter)
                .sorted(comparator)
                .map(Model::id)
                .toList();
    }

    /** One order clause: runs with a value first, ordered by it; NaN and then missing values after, as one group each. */
    private static Comparator<Model> key(String clause) {
        String[] words = clause.split(" ");
        boolean ascending = words.length == 1 || words[1].equals("ASC");
        Comparator<Comparable<Object>> byValue = ascending
                ? Comparator.naturalOrder()
                : Comparator.<Comparable<Object>>naturalOrder().reversed();
        return (a, b) -> {
            Object va = value(words[0], a);
            Object vb = value(words[0], b);
            int rank = Integer.compare(rank(va), rank(vb));
            if (rank != 0 || rank(va) != 0) {
                return rank;
            }
            @SuppressWarnings("unchecked")
            int c = byValue.compare((Comparable<Object>) va, (Comparable<Object>) vb);
            return c;
        };
    }

    /** MLflow's rank: 0 for a value to order by, 1 for NaN, 2 for missing, in both directions. */
    private static int rank(Object value) {
        if (value == null) {
            return 2;
        }
        if (value instanceof Double d && d.isNaN()) {
            return 1;
        }
        return 0;
    }

    private static Object value(String field, Model m) {
        return switch (field) {
            case "metrics.s" -> m.s();
            case "metrics.t" -> m.t();
            case "params.q" -> m.q();
            case "tags.u" -> m.u();
            case "attributes.start_time" -> m.start();
            default -> throw new IllegalArgumentException(field);
        };
    }
}

package dev.flowline.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowline.core.Page;
import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.search.ExperimentSearchQuery;
import dev.flowline.core.search.RunSearchQuery;
import dev.flowline.core.search.SearchParser;
import dev.flowline.core.tracking.Dataset;
import dev.flowline.core.tracking.DatasetInput;
import dev.flowline.core.tracking.Experiment;
import dev.flowline.core.tracking.ExperimentTag;
import dev.flowline.core.tracking.InputTag;
import dev.flowline.core.tracking.Metric;
import dev.flowline.core.tracking.Param;
import dev.flowline.core.tracking.Run;
import dev.flowline.core.tracking.RunStatus;
import dev.flowline.core.tracking.RunTag;
import dev.flowline.core.tracking.RunUpdate;
import dev.flowline.core.tracking.ViewType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The search part of the tracking-store contract, on one experiment of eight runs set up once:
 * run i has start time i, metric {@code m = i / 10} (run 7: NaN), param {@code p = "v" + i % 3},
 * tag {@code t} upper- or lower-case, and runs 0-3 used dataset {@code train}.
 */
public abstract class BaseTrackingSearchTest extends BaseRunOrderTest {
    private String experimentId;
    private final List<String> runs = new ArrayList<>();

    /** Once per class, after the subclass opened the store in its own {@code @BeforeAll}. */
    @BeforeEach
    void createRunsOnce() {
        if (experimentId != null) {
            return;
        }
        experimentId = newExperiment();
        for (int i = 0; i < 8; i++) {
            String runId = newRun(experimentId, NOW + i, List.of(new RunTag("mlflow.runName", "run-" + i)));
            runs.add(runId);
            store().logBatch(
                            runId,
                            List.of(metric("m", i == 7 ? Double.NaN : i / 10.0, 0)),
                            List.of(new Param("p", "v" + i % 3)),
                            List.of(new RunTag("t", i % 2 == 0 ? "Even" : "odd")));
            if (i < 4) {
                store().logInputs(
                                runId,
                                List.of(new DatasetInput(
                                        List.of(new InputTag("mlflow.data.context", "training")),
                                        new Dataset("train", "d1", "local", "/data", null, null))));
            }
        }
        store().updateRun(runs.get(5), new RunUpdate(RunStatus.FINISHED, NOW + 100, null));
    }

    private Page<Run> search(String filter, List<String> orderBy, int maxResults, Optional<String> token) {
        return store().searchRuns(new RunSearchQuery(
                List.of(experimentId),
                SearchParser.parseRunFilter(filter),
                SearchParser.parseRunOrderBy(orderBy),
                ViewType.ACTIVE_ONLY,
                maxResults,
                token));
    }

    /** Indexes (0-7) of the runs found, in result order. */
    private List<Integer> found(String filter, String... orderBy) {
        return search(filter, List.of(orderBy), 1000, Optional.empty()).items().stream()
                .map(r -> runs.indexOf(r.info().runId()))
                .toList();
    }

    @Test
    void searchWithoutFilterReturnsAllRunsNewestFirstWithTheirData() {
        assertThat(found(null)).containsExactly(7, 6, 5, 4, 3, 2, 1, 0);
        Run run = search(null, List.of(), 1000, Optional.empty()).items().get(7);
        assertThat(run.data().params()).containsExactly(new Param("p", "v0"));
        assertThat(run.data().metrics()).containsExactly(metric("m", 0, 0));
        assertThat(run.inputs()).hasSize(1);
    }

    @Test
    void metricComparisonsUseTheLatestValueAndNeverMatchNan() {
        assertThat(found("metrics.m < 0.25")).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(found("metrics.m >= 0.5")).containsExactlyInAnyOrder(5, 6);
        assertThat(found("metrics.m = 0.3")).containsExactly(3);
        assertThat(found("metrics.missing > 0")).isEmpty();
    }

    @Test
    void paramAndTagComparisonsAreCaseSensitiveExceptIlike() {
        assertThat(found("params.p = 'v1'")).containsExactlyInAnyOrder(1, 4, 7);
        assertThat(found("params.p != 'v1'")).containsExactlyInAnyOrder(0, 2, 3, 5, 6);
        assertThat(found("tags.t = 'even'")).isEmpty();
        assertThat(found("tags.t LIKE 'E%'")).containsExactlyInAnyOrder(0, 2, 4, 6);
        assertThat(found("tags.t LIKE 'e%'")).isEmpty();
        assertThat(found("tags.t ILIKE 'e%'")).containsExactlyInAnyOrder(0, 2, 4, 6);
        assertThat(found("tags.`mlflow.runName` = 'run-3'")).containsExactly(3);
    }

    @Test
    void conjunctionsCombineEntityTypes() {
        assertThat(found("metrics.m < 0.5 and params.p = 'v1'")).containsExactlyInAnyOrder(1, 4);
        assertThat(found("metrics.m < 0.5 and params.p = 'v1' and tags.t = 'odd'"))
                .containsExactly(1);
    }

    @Test
    void orAndParenthesesWidenAndGroup() {
        assertThat(found("params.p = 'v1' or params.p = 'v2'")).containsExactlyInAnyOrder(1, 2, 4, 5, 7);
        assertThat(found("(params.p = 'v1' or params.p = 'v2') and tags.t = 'Even'"))
                .containsExactlyInAnyOrder(2, 4);
    }

    @Test
    void attributesFilterRuns() {
        assertThat(found("attributes.status = 'FINISHED'")).containsExactly(5);
        assertThat(found("attributes.run_name = 'run-2'")).containsExactly(2);
        assertThat(found("attributes.start_time >= " + (NOW + 6))).containsExactlyInAnyOrder(6, 7);
        assertThat(found("attributes.end_time > 0")).containsExactly(5);
        assertThat(found("attributes.run_id IN ('" + runs.get(1) + "', '" + runs.get(2) + "')"))
                .containsExactlyInAnyOrder(1, 2);
        assertThat(found("attributes.run_id NOT IN ('" + runs.get(1) + "')"))
                .hasSize(7)
                .doesNotContain(1);
        assertThat(found("attributes.user_id = 'alice'")).hasSize(8);
    }

    @Test
    void datasetsFilterRuns() {
        assertThat(found("datasets.name = 'train'")).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(found("datasets.digest IN ('d1', 'other')")).hasSize(4);
        assertThat(found("datasets.context = 'training'")).hasSize(4);
        assertThat(found("datasets.context = 'eval'")).isEmpty();
    }

    @Test
    void sqlInFiltersIsOnlyEverData() {
        assertThat(found("params.p = '; DROP TABLE runs; --'")).isEmpty();
        assertThat(found("tags.`'; DROP TABLE runs; --` = 'x'")).isEmpty();
        assertThat(found(null)).hasSize(8);
    }

    @Test
    void orderByMetricPutsNanAndMissingLastInBothDirections() {
        assertThat(found(null, "metrics.m DESC")).containsExactly(6, 5, 4, 3, 2, 1, 0, 7);
        assertThat(found(null, "metrics.m ASC")).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(found("params.p = 'v0'", "metrics.nothing DESC")).containsExactly(6, 3, 0);
    }

    @Test
    void orderByParamTagAndAttributeBreaksTiesByStartTime() {
        assertThat(found(null, "params.p")).containsExactly(6, 3, 0, 7, 4, 1, 5, 2);
        assertThat(found(null, "tags.t DESC", "attributes.start_time ASC")).containsExactly(1, 3, 5, 7, 0, 2, 4, 6);
        assertThat(found(null, "attributes.run_name DESC")).containsExactly(7, 6, 5, 4, 3, 2, 1, 0);
        assertThat(found(null, "end_time")).first().isEqualTo(5);
    }

    @Test
    void pagingWalksEveryRunOnceAndForeignTokensAreRejected() {
        List<String> seen = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            Page<Run> page = search(null, List.of("params.p"), 3, token);
            page.items().forEach(r -> seen.add(r.info().runId()));
            token = page.nextPageToken();
        } while (token.isPresent());
        assertThat(seen).hasSize(8).doesNotHaveDuplicates();
        assertFails(
                ErrorCode.INVALID_PARAMETER_VALUE,
                "Invalid page token",
                () -> search(null, List.of(), 3, Optional.of("garbage")));
    }

    @Test
    void viewTypeSelectsDeletedRuns() {
        String deleted = newRun(experimentId, NOW - 1, List.of());
        store().deleteRun(deleted, NOW);
        RunSearchQuery deletedOnly = new RunSearchQuery(
                List.of(experimentId), Optional.empty(), List.of(), ViewType.DELETED_ONLY, 100, Optional.empty());
        assertThat(store().searchRuns(deletedOnly).items())
                .extracting(r -> r.info().runId())
                .containsExactly(deleted);
        RunSearchQuery all = new RunSearchQuery(
                List.of(experimentId), Optional.empty(), List.of(), ViewType.ALL, 100, Optional.empty());
        assertThat(store().searchRuns(all).items()).hasSize(9);
    }

    @Test
    void searchAcrossExperimentsAndUnknownIdsFindsWhatExists() {
        String other = newExperiment();
        String run = newRun(other);
        RunSearchQuery query = new RunSearchQuery(
                List.of(experimentId, other, "999999", "x"),
                Optional.empty(),
                List.of(),
                ViewType.ALL,
                100,
                Optional.empty());
        assertThat(store().searchRuns(query).items())
                .extracting(r -> r.info().runId())
                .contains(run, runs.get(0));
    }

    @Test
    void metricValuesAcrossBatchesCompareByLatest() {
        String other = newExperiment();
        String run = newRun(other);
        store().logBatch(run, List.of(new Metric("x", 10, NOW, 0)), List.of(), List.of());
        store().logBatch(run, List.of(new Metric("x", 1, NOW, 1)), List.of(), List.of());
        RunSearchQuery query = new RunSearchQuery(
                List.of(other),
                SearchParser.parseRunFilter("metrics.x < 5"),
                List.of(),
                ViewType.ACTIVE_ONLY,
                10,
                Optional.empty());
        assertThat(store().searchRuns(query).items()).hasSize(1);
    }

    @Test
    void experimentSearchFiltersByNameTagsAndTimesAndOrders() {
        String prefix = "search-" + UUID.randomUUID() + "-";
        String a = store().createExperiment(
                        prefix + "Alpha", null, LOCATION, List.of(new ExperimentTag("team", "x")), NOW + 1);
        String b = store().createExperiment(prefix + "beta", null, LOCATION, List.of(), NOW + 2);
        assertThat(experiments("name LIKE '" + prefix + "%'", "name")).containsExactly(a, b);
        assertThat(experiments("name LIKE '" + prefix + "a%'")).isEmpty();
        assertThat(experiments("name ILIKE '" + prefix + "a%'")).containsExactly(a);
        assertThat(experiments("name LIKE '" + prefix + "%' and tags.team = 'x'"))
                .containsExactly(a);
        assertThat(experiments("name LIKE '" + prefix + "%' and creation_time > " + (NOW + 1)))
                .containsExactly(b);
        assertThat(experiments("name LIKE '" + prefix + "%'")).containsExactly(b, a);
        assertThat(experiments("name = '" + prefix + "beta'", "last_update_time DESC"))
                .containsExactly(b);
        store().deleteExperiment(b, NOW + 3);
        assertThat(experiments("name LIKE '" + prefix + "%'")).containsExactly(a);
    }

    @Test
    void experimentSearchPagesThroughAll() {
        String prefix = "paged-" + UUID.randomUUID() + "-";
        for (int i = 0; i < 5; i++) {
            store().createExperiment(prefix + i, null, LOCATION, List.of(), NOW);
        }
        List<String> names = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            Page<Experiment> page = store().searchExperiments(new ExperimentSearchQuery(
                    SearchParser.parseExperimentFilter("name LIKE '" + prefix + "%'"),
                    SearchParser.parseExperimentOrderBy(List.of("name")),
                    ViewType.ACTIVE_ONLY,
                    2,
                    token));
            page.items().forEach(e -> names.add(e.name()));
            token = page.nextPageToken();
        } while (token.isPresent());
        assertThat(names).containsExactly(prefix + 0, prefix + 1, prefix + 2, prefix + 3, prefix + 4);
    }

    @Test
    void aPageLargerThanOneReadChunkHoldsEveryRunWithItsDataInOrder() {
        String experiment = newExperiment();
        int count = 2_500;
        for (int i = 0; i < count; i++) {
            String runId = newRun(experiment, NOW + i, List.of());
            store().logBatch(
                            runId, List.of(metric("m", i, 0)), List.of(new Param("i", Integer.toString(i))), List.of());
        }
        Page<Run> page = store().searchRuns(new RunSearchQuery(
                List.of(experiment),
                SearchParser.parseRunFilter(""),
                SearchParser.parseRunOrderBy(List.of("metrics.m ASC")),
                ViewType.ACTIVE_ONLY,
                count - 10,
                Optional.empty()));
        List<String> seen = new ArrayList<>();
        for (Run run : page.items()) {
            assertThat(run.data().params()).hasSize(1);
            assertThat(run.data().metrics().getFirst().value())
                    .isEqualTo(Double.parseDouble(run.data().params().getFirst().value()));
            seen.add(run.data().params().getFirst().value());
        }
        assertThat(seen).hasSize(count - 10).startsWith("0", "1").endsWith(Integer.toString(count - 11));
        assertThat(page.nextPageToken()).isPresent();
    }

    private List<String> experiments(String filter, String... orderBy) {
        return store()
                .searchExperiments(new ExperimentSearchQuery(
                        SearchParser.parseExperimentFilter(filter),
                        SearchParser.parseExperimentOrderBy(List.of(orderBy)),
                        ViewType.ACTIVE_ONLY,
                        100,
                        Optional.empty()))
                .items()
                .stream()
                .map(Experiment::experimentId)
                .toList();
    }
}

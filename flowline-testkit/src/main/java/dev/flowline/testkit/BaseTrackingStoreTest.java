package dev.flowline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowline.core.Page;
import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.tracking.Dataset;
import dev.flowline.core.tracking.DatasetInput;
import dev.flowline.core.tracking.DatasetSummary;
import dev.flowline.core.tracking.Experiment;
import dev.flowline.core.tracking.ExperimentTag;
import dev.flowline.core.tracking.InputTag;
import dev.flowline.core.tracking.LifecycleStage;
import dev.flowline.core.tracking.Metric;
import dev.flowline.core.tracking.MetricWithRunId;
import dev.flowline.core.tracking.NewRun;
import dev.flowline.core.tracking.Param;
import dev.flowline.core.tracking.Run;
import dev.flowline.core.tracking.RunInfo;
import dev.flowline.core.tracking.RunStatus;
import dev.flowline.core.tracking.RunTag;
import dev.flowline.core.tracking.RunUpdate;
import dev.flowline.core.tracking.TrackingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every {@link TrackingStore} keeps. A subclass supplies a store on a fresh database, shared by
 * the tests of the class; each test makes its own experiments and runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BaseTrackingStoreTest {
    protected static final UnaryOperator<String> LOCATION = id -> "mlflow-artifacts:/" + id;
    protected static final long NOW = 1_700_000_000_000L;

    /** The store under test; the same instance for every test of the class. */
    protected abstract TrackingStore store();

    protected String newExperiment() {
        return store().createExperiment("exp-" + UUID.randomUUID(), null, LOCATION, List.of(), NOW);
    }

    protected String newRun(String experimentId) {
        return newRun(experimentId, NOW, List.of());
    }

    protected String newRun(String experimentId, long startTime, List<RunTag> tags) {
        String runId = UUID.randomUUID().toString().replace("-", "");
        store().createRun(
                        new NewRun(runId, experimentId, "alice", null, startTime, tags),
                        location -> location + "/" + runId + "/artifacts");
        return runId;
    }

    protected Run run(String runId) {
        return store().getRun(runId).orElseThrow();
    }

    protected static Metric metric(String key, double value, long step) {
        return new Metric(key, value, NOW + step, step);
    }

    protected static void assertFails(ErrorCode code, String messagePart, Runnable action) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(
                        FlowlineException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(messagePart);
    }

    @Test
    void defaultExperimentIsCreatedOnceWithIdZero() {
        store().ensureDefaultExperiment(LOCATION, NOW);
        store().ensureDefaultExperiment(LOCATION, NOW + 1);
        Experiment experiment = store().getExperiment("0").orElseThrow();
        assertThat(experiment.name()).isEqualTo("Default");
        assertThat(experiment.artifactLocation()).isEqualTo("mlflow-artifacts:/0");
        assertThat(experiment.lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
    }

    @Test
    void createdExperimentIsFoundByIdAndNameWithItsTags() {
        String name = "exp-" + UUID.randomUUID();
        String id = store().createExperiment(name, null, LOCATION, List.of(new ExperimentTag("team", "vision")), NOW);
        assertThat(id).matches("[1-9][0-9]*");
        Experiment experiment = store().getExperiment(id).orElseThrow();
        assertThat(experiment.name()).isEqualTo(name);
        assertThat(experiment.artifactLocation()).isEqualTo("mlflow-artifacts:/" + id);
        assertThat(experiment.creationTime()).isEqualTo(NOW);
        assertThat(experiment.tags()).containsExactly(new ExperimentTag("team", "vision"));
        assertThat(store().getExperimentByName(name)).contains(experiment);
    }

    @Test
    void experimentKeepsTheArtifactLocationTheClientChose() {
        String id = store().createExperiment("exp-" + UUID.randomUUID(), "s3://bucket/x", LOCATION, List.of(), NOW);
        assertThat(store().getExperiment(id).orElseThrow().artifactLocation()).isEqualTo("s3://bucket/x");
    }

    @Test
    void experimentNamesAreUniqueAndCaseSensitive() {
        String name = "Exp-" + UUID.randomUUID();
        store().createExperiment(name, null, LOCATION, List.of(), NOW);
        assertFails(
                ErrorCode.RESOURCE_ALREADY_EXISTS,
                name,
                () -> store().createExperiment(name, null, LOCATION, List.of(), NOW));
        assertThat(store().createExperiment(name.toLowerCase(), null, LOCATION, List.of(), NOW))
                .isNotEmpty();
    }

    @Test
    void unknownExperimentIdsAreAbsentOrNotFound() {
        assertThat(store().getExperiment("987654321")).isEmpty();
        assertThat(store().getExperiment("not-a-number")).isEmpty();
        assertThat(store().getExperimentByName("no-such-" + UUID.randomUUID())).isEmpty();
        assertFails(
                ErrorCode.RESOURCE_DOES_NOT_EXIST,
                "No Experiment with id=987654321 exists",
                () -> store().deleteExperiment("987654321", NOW));
    }

    @Test
    void deletingAnExperimentDeletesItsRunsAndRestoringBringsBackOnlyThose() {
        String experimentId = newExperiment();
        String deletedBefore = newRun(experimentId);
        String deletedWith = newRun(experimentId);
        store().deleteRun(deletedBefore, NOW + 1);
        store().deleteExperiment(experimentId, NOW + 2);
        assertThat(store().getExperiment(experimentId).orElseThrow().lifecycleStage())
                .isEqualTo(LifecycleStage.DELETED);
        assertThat(run(deletedWith).info().lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
        store().restoreExperiment(experimentId, NOW + 3);
        assertThat(store().getExperiment(experimentId).orElseThrow().lifecycleStage())
                .isEqualTo(LifecycleStage.ACTIVE);
        assertThat(run(deletedWith).info().lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
        assertThat(run(deletedBefore).info().lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
    }

    @Test
    void renamingAnExperimentChangesItsNameAndUpdateTime() {
        String experimentId = newExperiment();
        String newName = "renamed-" + UUID.randomUUID();
        store().renameExperiment(experimentId, newName, NOW + 5);
        Experiment experiment = store().getExperiment(experimentId).orElseThrow();
        assertThat(experiment.name()).isEqualTo(newName);
        assertThat(experiment.lastUpdateTime()).isEqualTo(NOW + 5);
    }

    @Test
    void experimentTagsAreSetOverwrittenAndDeleted() {
        String experimentId = newExperiment();
        store().setExperimentTag(experimentId, new ExperimentTag("k", "1"));
        store().setExperimentTag(experimentId, new ExperimentTag("k", "2"));
        assertThat(store().getExperiment(experimentId).orElseThrow().tags())
                .containsExactly(new ExperimentTag("k", "2"));
        store().deleteExperimentTag(experimentId, "k");
        assertThat(store().getExperiment(experimentId).orElseThrow().tags()).isEmpty();
        assertFails(ErrorCode.RESOURCE_DOES_NOT_EXIST, "k", () -> store().deleteExperimentTag(experimentId, "k"));
    }

    @Test
    void createdRunIsRunningWithItsArtifactUriAndTags() {
        String experimentId = newExperiment();
        String runId = newRun(experimentId, NOW, List.of(new RunTag("team", "a")));
        RunInfo info = run(runId).info();
        assertThat(info.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(info.experimentId()).isEqualTo(experimentId);
        assertThat(info.userId()).isEqualTo("alice");
        assertThat(info.startTime()).isEqualTo(NOW);
        assertThat(info.endTime()).isNull();
        assertThat(info.artifactUri()).isEqualTo("mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts");
        assertThat(run(runId).data().tags()).containsExactly(new RunTag("team", "a"));
    }

    @Test
    void runInfoAloneMatchesTheRunsAttributes() {
        String runId = newRun(newExperiment());
        store().logBatch(runId, List.of(metric("m", 1, 0)), List.of(), List.of());
        assertThat(store().getRunInfo(runId)).contains(run(runId).info());
        assertThat(store().getRunInfo("ffffffffffffffffffffffffffffffff")).isEmpty();
    }

    @Test
    void runNameAndRunNameTagStayInSync() {
        String experimentId = newExperiment();
        String runId = UUID.randomUUID().toString().replace("-", "");
        Run created = store().createRun(
                        new NewRun(runId, experimentId, "bob", "first", NOW, List.of()), l -> l + "/" + runId);
        assertThat(created.info().runName()).isEqualTo("first");
        assertThat(created.data().tags()).contains(new RunTag("mlflow.runName", "first"));
        store().updateRun(runId, new RunUpdate(null, null, "second"));
        assertThat(run(runId).data().tags()).contains(new RunTag("mlflow.runName", "second"));
        store().logBatch(runId, List.of(), List.of(), List.of(new RunTag("mlflow.runName", "third")));
        assertThat(run(runId).info().runName()).isEqualTo("third");
        String tagged = newRun(experimentId, NOW, List.of(new RunTag("mlflow.runName", "from-tag")));
        assertThat(run(tagged).info().runName()).isEqualTo("from-tag");
    }

    @Test
    void creatingARunInADeletedExperimentFails() {
        String experimentId = newExperiment();
        store().deleteExperiment(experimentId, NOW);
        assertFails(
                ErrorCode.INVALID_PARAMETER_VALUE,
                "The experiment " + experimentId + " must be in the 'active' state. Current state is deleted.",
                () -> newRun(experimentId));
    }

    @Test
    void creatingARunInAnUnknownExperimentFails() {
        assertFails(ErrorCode.RESOURCE_DOES_NOT_EXIST, "No Experiment with id=424242 exists", () -> newRun("424242"));
    }

    @Test
    void updatingARunChangesStatusAndEndTime() {
        String runId = newRun(newExperiment());
        RunInfo updated = store().updateRun(runId, new RunUpdate(RunStatus.FINISHED, NOW + 10, null));
        assertThat(updated.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(updated.endTime()).isEqualTo(NOW + 10);
        assertThat(run(runId).info()).isEqualTo(updated);
    }

    @Test
    void deletedRunIsRestored() {
        String runId = newRun(newExperiment());
        store().deleteRun(runId, NOW);
        assertThat(run(runId).info().lifecycleStage()).isEqualTo(LifecycleStage.DELETED);
        store().restoreRun(runId);
        assertThat(run(runId).info().lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
    }

    @Test
    void logBatchToADeletedRunIsRejectedAndStoresNothing() {
        String runId = newRun(newExperiment());
        store().deleteRun(runId, NOW);
        assertFails(
                ErrorCode.INVALID_PARAMETER_VALUE,
                "The run " + runId + " must be in the 'active' state. Current state is deleted.",
                () -> store().logBatch(
                                runId,
                                List.of(metric("m", 1, 0)),
                                List.of(new Param("p", "a")),
                                List.of(new RunTag("t", "v"))));
        store().restoreRun(runId);
        Run run = run(runId);
        assertThat(run.data().metrics()).isEmpty();
        assertThat(run.data().params()).isEmpty();
        assertThat(run.data().tags()).doesNotContain(new RunTag("t", "v"));
    }

    @Test
    void unknownRunsAreAbsentOrNotFound() {
        String unknown = "0".repeat(32);
        assertThat(store().getRun(unknown)).isEmpty();
        assertFails(
                ErrorCode.RESOURCE_DOES_NOT_EXIST,
                "Run with id=" + unknown + " not found",
                () -> store().logBatch(unknown, List.of(metric("m", 1, 0)), List.of(), List.of()));
        assertFails(ErrorCode.RESOURCE_DOES_NOT_EXIST, "not found", () -> store().deleteRun(unknown, NOW));
        assertFails(
                ErrorCode.RESOURCE_DOES_NOT_EXIST,
                "not found",
                () -> store().updateRun(unknown, new RunUpdate(RunStatus.FAILED, null, null)));
        // As in MLflow's SQL store, a history is read by run id alone: an unknown run has an empty one.
        assertThat(store().getMetricHistory(unknown, "m", 10, Optional.empty()).items())
                .isEmpty();
    }

    @Test
    void logBatchStoresMetricsParamsAndTagsAndGetRunReturnsLatestMetricValues() {
        String runId = newRun(newExperiment());
        store().logBatch(
                        runId,
                        List.of(
                                metric("loss", 0.9, 0),
                                metric("loss", 0.5, 2),
                                metric("loss", 0.7, 1),
                                metric("acc", 0.1, 0)),
                        List.of(new Param("lr", "0.01")),
                        List.of(new RunTag("stage", "train")));
        Run run = run(runId);
        assertThat(run.data().metrics()).containsExactlyInAnyOrder(metric("loss", 0.5, 2), metric("acc", 0.1, 0));
        assertThat(run.data().params()).containsExactly(new Param("lr", "0.01"));
        assertThat(run.data().tags()).contains(new RunTag("stage", "train"));
    }

    @Test
    void latestMetricIsTheHighestStepThenTimestampThenValueAcrossBatches() {
        String runId = newRun(newExperiment());
        store().logBatch(runId, List.of(new Metric("m", 5, 100, 3)), List.of(), List.of());
        store().logBatch(runId, List.of(new Metric("m", 1, 200, 2)), List.of(), List.of());
        assertThat(run(runId).data().metrics()).containsExactly(new Metric("m", 5, 100, 3));
        store().logBatch(runId, List.of(new Metric("m", 4, 150, 3)), List.of(), List.of());
        assertThat(run(runId).data().metrics()).containsExactly(new Metric("m", 4, 150, 3));
        store().logBatch(runId, List.of(new Metric("m", 9, 150, 3), new Metric("m", 2, 150, 3)), List.of(), List.of());
        assertThat(run(runId).data().metrics()).containsExactly(new Metric("m", 9, 150, 3));
    }

    @Test
    void aPointLoggedAgainWithTheSameStepTimestampAndValueIsStoredOnceAsMlflowStoresIt() {
        String runId = newRun(newExperiment());
        Metric point = new Metric("m", 0.5, 100, 1);
        Metric nan = new Metric("m", Double.NaN, 100, 1);
        store().logBatch(runId, List.of(point, point, nan, nan), List.of(), List.of());
        store().logBatch(runId, List.of(point, nan, new Metric("m", 0.25, 100, 1)), List.of(), List.of());
        store().logBatch(
                        runId,
                        List.of(new Metric("m", 0.5, 101, 1), new Metric("m", 0.5, 100, 2)),
                        List.of(),
                        List.of());
        assertThat(store().getMetricHistory(runId, "m", 100, Optional.empty()).items())
                .extracting(Metric::step, Metric::timestamp, m -> Double.toString(m.value()))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(1L, 100L, "0.5"),
                        org.assertj.core.groups.Tuple.tuple(1L, 100L, "NaN"),
                        org.assertj.core.groups.Tuple.tuple(1L, 100L, "0.25"),
                        org.assertj.core.groups.Tuple.tuple(1L, 101L, "0.5"),
                        org.assertj.core.groups.Tuple.tuple(2L, 100L, "0.5"));
        assertThat(run(runId).data().metrics()).containsExactly(new Metric("m", 0.5, 100, 2));
    }

    @Test
    void nanAndInfinityMetricValuesAreStoredAndReturned() {
        String runId = newRun(newExperiment());
        store().logBatch(
                        runId,
                        List.of(
                                metric("nan", Double.NaN, 0),
                                metric("pos", Double.POSITIVE_INFINITY, 0),
                                metric("neg", Double.NEGATIVE_INFINITY, 0)),
                        List.of(),
                        List.of());
        assertThat(run(runId).data().metrics())
                .extracting(Metric::key, Metric::value)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("nan", Double.NaN),
                        org.assertj.core.groups.Tuple.tuple("pos", Double.POSITIVE_INFINITY),
                        org.assertj.core.groups.Tuple.tuple("neg", Double.NEGATIVE_INFINITY));
        assertThat(store().getMetricHistory(runId, "nan", 10, Optional.empty())
                        .items()
                        .getFirst()
                        .value())
                .isNaN();
    }

    @Test
    void reloggingAParamWithTheSameValueIsAcceptedAndADifferentValueRejected() {
        String runId = newRun(newExperiment());
        store().logBatch(runId, List.of(), List.of(new Param("p", "a")), List.of());
        store().logBatch(runId, List.of(), List.of(new Param("p", "a")), List.of());
        assertFails(
                ErrorCode.INVALID_PARAMETER_VALUE,
                "Changing param values is not allowed. Param with key='p' was already logged with value='a' for run ID='"
                        + runId + "'. Attempted logging new value 'b'.",
                () -> store().logBatch(runId, List.of(metric("m", 1, 0)), List.of(new Param("p", "b")), List.of()));
        assertThat(run(runId).data().params()).containsExactly(new Param("p", "a"));
        assertThat(run(runId).data().metrics()).isEmpty();
    }

    @Test
    void aChangedParamIsFoundAmongAHundredAlreadyLogged() {
        String runId = newRun(newExperiment());
        List<Param> hundred = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> new Param("p" + i, "v" + i))
                .toList();
        store().logBatch(runId, List.of(), hundred.subList(0, 97), List.of());
        store().logBatch(runId, List.of(), hundred, List.of());
        List<Param> changed = new java.util.ArrayList<>(hundred);
        changed.set(90, new Param("p90", "other"));
        assertFails(
                ErrorCode.INVALID_PARAMETER_VALUE,
                "Changing param values is not allowed. Param with key='p90' was already logged with value='v90' for"
                        + " run ID='" + runId + "'. Attempted logging new value 'other'.",
                () -> store().logBatch(runId, List.of(), changed, List.of()));
        assertThat(run(runId).data().params()).containsExactlyInAnyOrderElementsOf(hundred);
    }

    @Test
    void aFailedBatchStoresNothing() {
        String runId = newRun(newExperiment());
        store().logBatch(runId, List.of(), List.of(new Param("p", "a")), List.of());
        assertThatThrownBy(() -> store().logBatch(
                                runId,
                                List.of(metric("m", 1, 0)),
                                List.of(new Param("q", "new"), new Param("p", "changed")),
                                List.of(new RunTag("t", "v"))))
                .isInstanceOf(FlowlineException.class);
        Run run = run(runId);
        assertThat(run.data().params()).containsExactly(new Param("p", "a"));
        assertThat(run.data().metrics()).isEmpty();
        assertThat(run.data().tags()).doesNotContain(new RunTag("t", "v"));
        assertThat(store().getMetricHistory(runId, "m", 10, Optional.empty()).items())
                .isEmpty();
        // The next batch stores only its own rows, none left over from the failed one.
        store().logBatch(runId, List.of(), List.of(new Param("r", "next")), List.of());
        assertThat(run(runId).data().params()).containsExactlyInAnyOrder(new Param("p", "a"), new Param("r", "next"));
    }

    @Test
    void tagsAreOverwrittenAndDeleted() {
        String runId = newRun(newExperiment());
        store().logBatch(runId, List.of(), List.of(), List.of(new RunTag("t", "1")));
        store().logBatch(runId, List.of(), List.of(), List.of(new RunTag("t", "2")));
        assertThat(run(runId).data().tags()).containsExactly(new RunTag("t", "2"));
        store().deleteTag(runId, "t");
        assertThat(run(runId).data().tags()).isEmpty();
        assertFails(ErrorCode.RESOURCE_DOES_NOT_EXIST, "No tag with name: t", () -> store().deleteTag(runId, "t"));
    }

    @Test
    void keysAreCaseSensitive() {
        String runId = newRun(newExperiment());
        store().logBatch(
                        runId,
                        List.of(metric("Loss", 1, 0), metric("loss", 2, 0)),
                        List.of(new Param("P", "1"), new Param("p", "2")),
                        List.of());
        assertThat(run(runId).data().metrics()).hasSize(2);
        assertThat(run(runId).data().params()).hasSize(2);
    }

    @Test
    void longParamAndTagValuesAreKept() {
        String runId = newRun(newExperiment());
        String param = "p".repeat(6000);
        String tag = "t".repeat(8000);
        store().logBatch(runId, List.of(), List.of(new Param("long", param)), List.of(new RunTag("long", tag)));
        assertThat(run(runId).data().params()).containsExactly(new Param("long", param));
        assertThat(run(runId).data().tags()).contains(new RunTag("long", tag));
    }

    @Test
    void aThousandMetricBatchIsStoredWhole() {
        String runId = newRun(newExperiment());
        List<Metric> metrics = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            metrics.add(metric("m" + (i % 10), i, i));
        }
        store().logBatch(runId, metrics, List.of(), List.of());
        assertThat(run(runId).data().metrics()).hasSize(10).contains(metric("m9", 999, 999));
        assertThat(store().getMetricHistory(runId, "m3", 1000, Optional.empty()).items())
                .hasSize(100);
    }

    @Test
    void metricHistoryIsPagedInStepOrder() {
        String runId = newRun(newExperiment());
        List<Metric> points = new ArrayList<>();
        for (int step = 24; step >= 0; step--) {
            points.add(metric("m", step * 2.0, step));
        }
        store().logBatch(runId, points, List.of(), List.of());
        List<Metric> all = new ArrayList<>();
        Optional<String> token = Optional.empty();
        int pages = 0;
        do {
            Page<Metric> page = store().getMetricHistory(runId, "m", 10, token);
            all.addAll(page.items());
            token = page.nextPageToken();
            pages++;
        } while (token.isPresent());
        assertThat(pages).isEqualTo(3);
        assertThat(all)
                .extracting(Metric::step)
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.range(0, 25).boxed().toList());
    }

    @Test
    void pointsSharingStepAndTimestampAreInValueOrderOnEveryPage() {
        String runId = newRun(newExperiment());
        List<Metric> points = new ArrayList<>();
        for (int step = 0; step < 5; step++) {
            for (double value : new double[] {3, Double.NaN, -1, Double.POSITIVE_INFINITY, 2}) {
                points.add(new Metric("m", value, 1000, step));
            }
        }
        store().logBatch(runId, points, List.of(), List.of());
        List<Double> expected = List.of(-1.0, Double.NaN, 2.0, 3.0, Double.POSITIVE_INFINITY);
        List<Metric> whole =
                store().getMetricHistory(runId, "m", 100, Optional.empty()).items();
        assertThat(whole).extracting(Metric::value).containsExactlyElementsOf(repeat(expected, 5));
        for (int pageSize : new int[] {3, 5, 7}) {
            assertThat(allPages(runId, "m", pageSize))
                    .as("pages of %d", pageSize)
                    .isEqualTo(whole);
        }
    }

    @Test
    void pointsLoggedOutOfOrderOrAgainAcrossBatchesFormOneHistoryWithEachPointOnce() {
        String runId = newRun(newExperiment());
        List<List<Metric>> batches = List.of(
                points(10, 20, 1),
                points(0, 10, 1),
                // Steps 5..14 again: the same points, and a second value at each step.
                points(5, 15, 1),
                points(5, 15, 2),
                // More points of one key than a stored block holds, interleaved with the steps above.
                points(0, 600, 3));
        java.util.TreeMap<String, Metric> expected = new java.util.TreeMap<>();
        for (List<Metric> batch : batches) {
            store().logBatch(runId, batch, List.of(), List.of());
            batch.forEach(m -> expected.put(String.format("%08d/%08d/%08.3f", m.step(), m.timestamp(), m.value()), m));
        }
        // The same point once more, alone.
        store().logBatch(runId, List.of(new Metric("m", 10.0, 10, 10)), List.of(), List.of());
        List<Metric> history = List.copyOf(expected.values());

        for (int pageSize : new int[] {7, 250, 10_000}) {
            assertThat(allPages(runId, "m", pageSize))
                    .as("pages of %d", pageSize)
                    .isEqualTo(history);
        }
        assertThat(store().getMetricHistoryBulk(List.of(runId), "m", 10_000))
                .extracting(MetricWithRunId::metric)
                .containsExactlyInAnyOrderElementsOf(history);
        assertThat(store().getMetricHistoryBulkInterval(List.of(runId), "m", 0L, 20L, 2500)
                        .get(runId))
                .isEqualTo(history.stream().filter(m -> m.step() <= 20).toList());
    }

    @Test
    void zeroLoggedAgainAsNegativeZeroIsTheSamePoint() {
        String runId = newRun(newExperiment());
        store().logBatch(runId, List.of(new Metric("m", 0.0, 5, 1)), List.of(), List.of());
        store().logBatch(runId, List.of(new Metric("m", -0.0, 5, 1)), List.of(), List.of());
        assertThat(store().getMetricHistory(runId, "m", 10, Optional.empty()).items())
                .hasSize(1);
    }

    /** Points of key "m" at steps {@code from..to-1}, each valued {@code step * scale} at timestamp {@code step}. */
    private static List<Metric> points(int from, int to, int scale) {
        List<Metric> points = new ArrayList<>();
        for (int step = from; step < to; step++) {
            points.add(new Metric("m", step * (double) scale, step, step));
        }
        return points;
    }

    /** The metric's whole history, read a page of {@code pageSize} points at a time. */
    private List<Metric> allPages(String runId, String key, int pageSize) {
        List<Metric> all = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            Page<Metric> page = store().getMetricHistory(runId, key, pageSize, token);
            all.addAll(page.items());
            token = page.nextPageToken();
        } while (token.isPresent());
        return all;
    }

    private static <T> List<T> repeat(List<T> items, int times) {
        List<T> repeated = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            repeated.addAll(items);
        }
        return repeated;
    }

    @Test
    void aForeignPageTokenIsRejected() {
        String runId = newRun(newExperiment());
        assertFails(
                ErrorCode.INVALID_PARAMETER_VALUE,
                "Invalid page token",
                () -> store().getMetricHistory(runId, "m", 10, Optional.of("not a token!")));
        assertFails(
                ErrorCode.INVALID_PARAMETER_VALUE,
                "Invalid page token",
                () -> store().getMetricHistory(runId, "m", 10, Optional.of("eyJvZmZzZXQiOiAtMX0=")));
    }

    @Test
    void bulkHistoryReturnsEachRunsPointsInOrder() {
        String experimentId = newExperiment();
        String a = newRun(experimentId);
        String b = newRun(experimentId);
        store().logBatch(a, List.of(metric("m", 1, 0), metric("m", 2, 1)), List.of(), List.of());
        store().logBatch(b, List.of(metric("m", 3, 0)), List.of(), List.of());
        List<MetricWithRunId> points = store().getMetricHistoryBulk(List.of(a, b), "m", 10);
        assertThat(points).hasSize(3);
        assertThat(points.stream()
                        .filter(p -> p.runId().equals(a))
                        .map(p -> p.metric().step())
                        .toList())
                .containsExactly(0L, 1L);
    }

    @Test
    void bulkHistoryLimitsThePointsInAllAndOrdersEachRunByTimestampAsMlflow() {
        String experimentId = newExperiment();
        String a = newRun(experimentId);
        String b = newRun(experimentId);
        String first = a.compareTo(b) < 0 ? a : b;
        String second = first.equals(a) ? b : a;
        // Step 1 was logged before step 0: MLflow's SQL store orders a run's points by timestamp first.
        store().logBatch(
                        first,
                        List.of(
                                new Metric("m", 1, NOW + 1, 0),
                                new Metric("m", 2, NOW, 1),
                                new Metric("m", 3, NOW + 2, 2)),
                        List.of(),
                        List.of());
        store().logBatch(second, List.of(metric("m", 4, 0), metric("m", 5, 1)), List.of(), List.of());
        List<MetricWithRunId> points = store().getMetricHistoryBulk(List.of(second, first), "m", 4);
        assertThat(points).extracting(MetricWithRunId::runId).containsExactly(first, first, first, second);
        assertThat(points).extracting(p -> p.metric().step()).containsExactly(1L, 0L, 2L, 0L);
    }

    // Expected steps below are what MLflow 2.x's server (handlers._get_sampled_steps) returns for the same points.

    @Test
    void bulkIntervalSamplesAsMlflowAndKeepsEveryRunsFirstAndLastStep() {
        String experimentId = newExperiment();
        String a = newRun(experimentId);
        String b = newRun(experimentId);
        List<Metric> points = new ArrayList<>();
        for (int step = 0; step < 1000; step++) {
            points.add(metric("m", step, step));
        }
        store().logBatch(a, points, List.of(), List.of());
        store().logBatch(b, points.subList(0, 500), List.of(), List.of());
        Map<String, List<Metric>> sampled = store().getMetricHistoryBulkInterval(List.of(a, b), "m", null, null, 10);
        assertThat(sampled.get(a))
                .extracting(Metric::step)
                .containsExactly(0L, 100L, 200L, 300L, 400L, 499L, 500L, 600L, 700L, 800L, 900L, 999L);
        assertThat(sampled.get(b)).extracting(Metric::step).containsExactly(0L, 100L, 200L, 300L, 400L, 499L);
    }

    @Test
    void bulkIntervalWithinARangeReturnsAllStepsThatFitAndSamplesAsMlflowOtherwise() {
        String runId = newRun(newExperiment());
        List<Metric> points = new ArrayList<>();
        for (int step = 0; step < 100; step++) {
            points.add(metric("m", step, step));
        }
        store().logBatch(runId, points, List.of(), List.of());
        Map<String, List<Metric>> sampled = store().getMetricHistoryBulkInterval(List.of(runId), "m", 10L, 19L, 320);
        assertThat(sampled.get(runId))
                .extracting(Metric::step)
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.range(10, 20).boxed().toList());
        // MLflow drops a sample whose index among all steps reaches the number of steps in the range (52 >= 51).
        Map<String, List<Metric>> ranged = store().getMetricHistoryBulkInterval(List.of(runId), "m", 10L, 60L, 6);
        assertThat(ranged.get(runId)).extracting(Metric::step).containsExactly(10L, 18L, 27L, 35L, 44L, 60L);
    }

    @Test
    void bulkIntervalSpreadsOverTheStepsActuallyLoggedWhenTheyHaveGapsOrArriveOutOfOrder() {
        String experimentId = newExperiment();
        String sparse = newRun(experimentId);
        String shuffled = newRun(experimentId);
        List<Metric> points = new ArrayList<>();
        for (int step = 0; step < 300; step += 3) {
            points.add(metric("m", step, step));
        }
        store().logBatch(sparse, points, List.of(), List.of());
        store().logBatch(shuffled, points.subList(50, 100), List.of(), List.of());
        store().logBatch(shuffled, points.subList(0, 50), List.of(), List.of());
        List<Long> expected = List.of(0L, 30L, 60L, 90L, 120L, 150L, 180L, 210L, 240L, 270L, 297L);
        assertThat(store().getMetricHistoryBulkInterval(List.of(sparse), "m", null, null, 10)
                        .get(sparse))
                .extracting(Metric::step)
                .containsExactlyElementsOf(expected);
        assertThat(store().getMetricHistoryBulkInterval(List.of(shuffled), "m", null, null, 10)
                        .get(shuffled))
                .extracting(Metric::step)
                .containsExactlyElementsOf(expected);
        assertThat(store().getMetricHistoryBulkInterval(List.of(sparse), "m", 30L, 200L, 5)
                        .get(sparse))
                .extracting(Metric::step)
                .containsExactly(30L, 63L, 96L, 132L, 165L, 198L);
        // MLflow's rule again: 34 steps lie before step 100, so every sample's index reaches the 33 steps in range.
        assertThat(store().getMetricHistoryBulkInterval(List.of(sparse), "m", 100L, 200L, 5)
                        .get(sparse))
                .extracting(Metric::step)
                .containsExactly(198L);
    }

    @Test
    void bulkIntervalOverDenseRunsLoggedInSeveralBatchesMatchesMlflowsSampling() {
        String experimentId = newExperiment();
        String a = newRun(experimentId);
        String b = newRun(experimentId);
        for (int from = 0; from < 1000; from += 250) {
            List<Metric> points = new ArrayList<>();
            for (int step = from; step < from + 250; step++) {
                points.add(metric("m", step, step));
            }
            store().logBatch(a, points, List.of(), List.of());
            if (from >= 500) {
                store().logBatch(b, points, List.of(), List.of());
            }
        }
        Map<String, List<Metric>> sampled = store().getMetricHistoryBulkInterval(List.of(a, b), "m", 100L, 900L, 5);
        assertThat(sampled.get(a)).extracting(Metric::step).containsExactly(100L, 260L, 420L, 500L, 580L, 740L, 900L);
        assertThat(sampled.get(b)).extracting(Metric::step).containsExactly(500L, 580L, 740L, 900L);
    }

    @Test
    void bulkIntervalReturnsEveryPointAtAChosenStep() {
        String runId = newRun(newExperiment());
        List<Metric> points = new ArrayList<>();
        for (int step = 0; step < 10; step++) {
            points.add(new Metric("m", 10.0, 1, step));
            points.add(new Metric("m", 10.0, 2, step));
        }
        store().logBatch(runId, points, List.of(), List.of());
        List<Metric> sampled = store().getMetricHistoryBulkInterval(List.of(runId), "m", null, null, 5)
                .get(runId);
        assertThat(sampled)
                .extracting(Metric::step, Metric::timestamp)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, 1L), org.assertj.core.groups.Tuple.tuple(0L, 2L),
                        org.assertj.core.groups.Tuple.tuple(2L, 1L), org.assertj.core.groups.Tuple.tuple(2L, 2L),
                        org.assertj.core.groups.Tuple.tuple(4L, 1L), org.assertj.core.groups.Tuple.tuple(4L, 2L),
                        org.assertj.core.groups.Tuple.tuple(6L, 1L), org.assertj.core.groups.Tuple.tuple(6L, 2L),
                        org.assertj.core.groups.Tuple.tuple(8L, 1L), org.assertj.core.groups.Tuple.tuple(8L, 2L),
                        org.assertj.core.groups.Tuple.tuple(9L, 1L), org.assertj.core.groups.Tuple.tuple(9L, 2L));
    }

    @Test
    void inputsAreLoggedOncePerDatasetAndReturnedWithTheRun() {
        String experimentId = newExperiment();
        String runId = newRun(experimentId);
        Dataset dataset = new Dataset("wine", "abc123", "local", "{\"uri\":\"/data\"}", "{}", null);
        DatasetInput input = new DatasetInput(List.of(new InputTag("mlflow.data.context", "training")), dataset);
        store().logInputs(runId, List.of(input));
        store().logInputs(runId, List.of(input));
        assertThat(run(runId).inputs()).containsExactly(input);
        assertThat(store().searchDatasets(List.of(experimentId)))
                .containsExactly(new DatasetSummary(experimentId, "wine", "abc123", "training"));
    }

    @Test
    void eachRunGetsItsOwnInputsByDatasetNameWithTheirTagsByName() {
        String experimentId = newExperiment();
        String first = newRun(experimentId);
        String second = newRun(experimentId);
        Dataset wine = new Dataset("wine", "d1", "local", "{}", null, null);
        Dataset iris = new Dataset("iris", "d2", "local", "{}", null, null);
        DatasetInput wineInput = new DatasetInput(
                List.of(new InputTag("a.first", "1"), new InputTag("mlflow.data.context", "training")), wine);
        DatasetInput irisInput = new DatasetInput(List.of(new InputTag("mlflow.data.context", "eval")), iris);
        store().logInputs(first, List.of(wineInput, irisInput));
        store().logInputs(second, List.of(new DatasetInput(List.of(), wine)));
        assertThat(run(first).inputs()).containsExactly(irisInput, wineInput);
        assertThat(run(second).inputs()).containsExactly(new DatasetInput(List.of(), wine));
    }
}

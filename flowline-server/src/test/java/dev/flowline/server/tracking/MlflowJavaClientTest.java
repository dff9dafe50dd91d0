package dev.flowline.server.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunStatus;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.RunsPage;

/** The official MLflow Java client, unchanged, against a running Flowline server. */
class MlflowJavaClientTest extends TrackingServerTest {
    private static MlflowClient client;

    @BeforeAll
    static void connect() {
        client = new MlflowClient(trackingUri());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void theDefaultExperimentExists() {
        Experiment experiment = client.getExperiment("0");
        assertThat(experiment.getName()).isEqualTo("Default");
        assertThat(experiment.getLifecycleStage()).isEqualTo("active");
    }

    @Test
    void createsFindsRenamesAndTagsExperiments() {
        String id = client.createExperiment("client-experiment");
        assertThat(client.getExperiment(id).getName()).isEqualTo("client-experiment");
        assertThat(client.getExperimentByName("client-experiment"))
                .map(Experiment::getExperimentId)
                .contains(id);
        assertThat(client.getExperimentByName("no-such-experiment")).isEmpty();

        client.renameExperiment(id, "client-experiment-renamed");
        client.setExperimentTag(id, "team", "vision");
        Experiment renamed = client.getExperiment(id);
        assertThat(renamed.getName()).isEqualTo("client-experiment-renamed");
        assertThat(renamed.getTagsList()).anySatisfy(tag -> {
            assertThat(tag.getKey()).isEqualTo("team");
            assertThat(tag.getValue()).isEqualTo("vision");
        });
        assertThat(client.searchExperiments("name = 'client-experiment-renamed'")
                        .getItems())
                .extracting(Experiment::getExperimentId)
                .containsExactly(id);
    }

    @Test
    void deletesAndRestoresExperiments() {
        String id = client.createExperiment("client-deleted-experiment");
        client.deleteExperiment(id);
        assertThat(client.getExperiment(id).getLifecycleStage()).isEqualTo("deleted");
        assertThat(client.searchExperiments("name = 'client-deleted-experiment'", ViewType.DELETED_ONLY, 10, List.of())
                        .getItems())
                .hasSize(1);
        client.restoreExperiment(id);
        assertThat(client.getExperiment(id).getLifecycleStage()).isEqualTo("active");
    }

    @Test
    void logsParamsMetricsAndTagsToARun() {
        String experimentId = client.createExperiment("client-logging");
        RunInfo info = client.createRun(experimentId);
        String runId = info.getRunId();
        assertThat(runId).matches("[0-9a-f]{32}");
        assertThat(info.getStatus()).isEqualTo(RunStatus.RUNNING);

        client.logParam(runId, "alpha", "0.5");
        client.logMetric(runId, "loss", 0.9, 1000, 0);
        client.logMetric(runId, "loss", 0.4, 2000, 1);
        client.logMetric(runId, "loss", Double.NaN, 3000, 2);
        client.setTag(runId, "stage", "dev");

        Run run = client.getRun(runId);
        assertThat(run.getData().getParamsList())
                .extracting(Param::getKey, Param::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple("alpha", "0.5"));
        assertThat(run.getData().getMetricsList())
                .singleElement()
                .satisfies(m -> assertThat(m.getValue()).isNaN());
        assertThat(tags(run)).containsEntry("stage", "dev");
        assertThat(client.getMetricHistory(runId, "loss"))
                .extracting(Metric::getStep)
                .containsExactly(0L, 1L, 2L);

        client.deleteTag(runId, "stage");
        assertThat(tags(client.getRun(runId))).doesNotContainKey("stage");

        client.setTerminated(runId, RunStatus.FINISHED, 5000);
        RunInfo ended = client.getRun(runId).getInfo();
        assertThat(ended.getStatus()).isEqualTo(RunStatus.FINISHED);
        assertThat(ended.getEndTime()).isEqualTo(5000);
    }

    @Test
    void logsABatch() {
        String runId = client.createRun(client.createExperiment("client-batch")).getRunId();
        List<Metric> metrics = List.of(
                Metric.newBuilder()
                        .setKey("acc")
                        .setValue(0.7)
                        .setTimestamp(10)
                        .setStep(0)
                        .build(),
                Metric.newBuilder()
                        .setKey("acc")
                        .setValue(0.8)
                        .setTimestamp(20)
                        .setStep(1)
                        .build());
        client.logBatch(
                runId,
                metrics,
                List.of(Param.newBuilder().setKey("layers").setValue("3").build()),
                List.of(RunTag.newBuilder().setKey("model").setValue("cnn").build()));

        Run run = client.getRun(runId);
        assertThat(run.getData().getMetricsList())
                .singleElement()
                .satisfies(m -> assertThat(m.getValue()).isEqualTo(0.8));
        assertThat(run.getData().getParamsList()).extracting(Param::getValue).containsExactly("3");
        assertThat(tags(run)).containsEntry("model", "cnn");
    }

    @Test
    void rejectsChangingALoggedParam() {
        String runId = client.createRun(client.createExperiment("client-param-immutable"))
                .getRunId();
        client.logParam(runId, "lr", "0.1");
        client.logParam(runId, "lr", "0.1");
        assertThatThrownBy(() -> client.logParam(runId, "lr", "0.2"))
                .isInstanceOfSatisfying(
                        MlflowHttpException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(400));
        assertThat(client.getRun(runId).getData().getParamsList())
                .extracting(Param::getValue)
                .containsExactly("0.1");
    }

    @Test
    void searchesRunsWithFiltersAndOrder() {
        String experimentId = client.createExperiment("client-search");
        for (int i = 0; i < 5; i++) {
            String runId = client.createRun(experimentId).getRunId();
            client.logMetric(runId, "score", i);
            client.logParam(runId, "parity", i % 2 == 0 ? "even" : "odd");
        }
        RunsPage page = client.searchRuns(
                List.of(experimentId),
                "metrics.score > 1 and params.parity = 'even'",
                ViewType.ACTIVE_ONLY,
                10,
                List.of("metrics.score DESC"));
        assertThat(page.getItems())
                .extracting(r -> r.getData().getMetrics(0).getValue())
                .containsExactly(4.0, 2.0);

        RunsPage first =
                client.searchRuns(List.of(experimentId), "", ViewType.ACTIVE_ONLY, 2, List.of("metrics.score ASC"));
        assertThat(first.getItems()).hasSize(2);
        assertThat(first.hasNextPage()).isTrue();
        assertThat(first.getNextPage().getItems()).hasSize(2);
    }

    @Test
    void deletesAndRestoresRuns() {
        String experimentId = client.createExperiment("client-run-lifecycle");
        String runId = client.createRun(experimentId).getRunId();
        client.deleteRun(runId);
        assertThat(client.getRun(runId).getInfo().getLifecycleStage()).isEqualTo("deleted");
        assertThat(client.searchRuns(List.of(experimentId), "", ViewType.ACTIVE_ONLY))
                .isEmpty();
        assertThat(client.searchRuns(List.of(experimentId), "", ViewType.DELETED_ONLY))
                .hasSize(1);
        assertThatThrownBy(() -> client.logParam(runId, "a", "b")).isInstanceOf(MlflowHttpException.class);
        client.restoreRun(runId);
        client.logParam(runId, "a", "b");
        assertThat(client.getRun(runId).getInfo().getLifecycleStage()).isEqualTo("active");
    }

    @Test
    void unknownRunsAreReportedAs404() {
        assertThatThrownBy(() -> client.getRun("0123456789abcdef0123456789abcdef"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getBodyMessage()).contains("RESOURCE_DOES_NOT_EXIST");
                });
    }

    private static Map<String, String> tags(Run run) {
        return run.getData().getTagsList().stream().collect(Collectors.toMap(RunTag::getKey, RunTag::getValue));
    }
}

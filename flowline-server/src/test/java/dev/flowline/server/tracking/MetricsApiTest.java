package dev.flowline.server.tracking;

import static dev.flowline.server.tracking.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MetricsApiTest extends TrackingServerTest {
    private static String runA;
    private static String runB;

    @BeforeAll
    static void logHistories() {
        String experimentId = api.createExperiment("metrics-api");
        runA = api.createRun(experimentId);
        runB = api.createRun(experimentId);
        logSteps(runA, 1000);
        logSteps(runB, 10);
    }

    private static void logSteps(String runId, int steps) {
        for (int start = 0; start < steps; start += 1000) {
            ObjectNode batch = object().put("run_id", runId);
            ArrayNode metrics = batch.putArray("metrics");
            for (int step = start; step < Math.min(steps, start + 1000); step++) {
                metrics.add(object().put("key", "loss")
                        .put("value", 1.0 / (step + 1))
                        .put("timestamp", 100 + step)
                        .put("step", step));
            }
            api.post("/api/2.0/mlflow/runs/log-batch", batch).assertOk();
        }
    }

    @Test
    void getHistoryReturnsEveryPointInStepOrder() {
        JsonNode metrics = api.get("/api/2.0/mlflow/metrics/get-history?run_id=" + runB + "&metric_key=loss")
                .assertOk()
                .path("metrics");
        assertThat(steps(metrics))
                .containsExactlyElementsOf(
                        IntStream.range(0, 10).boxed().map(Long::valueOf).toList());
        assertThat(metrics.get(0).path("timestamp").isIntegralNumber()).isTrue();
        assertThat(metrics.get(0).path("key").asText()).isEqualTo("loss");
    }

    @Test
    void getHistoryPages() {
        List<Long> all = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            JsonNode page = api.get("/api/2.0/mlflow/metrics/get-history?run_uuid=" + runA
                            + "&metric_key=loss&max_results=300" + (token == null ? "" : "&page_token=" + token))
                    .assertOk();
            all.addAll(steps(page.path("metrics")));
            token = page.has("next_page_token") ? page.path("next_page_token").asText() : null;
            pages++;
        } while (token != null);
        assertThat(pages).isEqualTo(4);
        assertThat(all).hasSize(1000).doesNotHaveDuplicates();
    }

    @Test
    void getHistoryOfAnUnknownRunIsEmptyAsInMlflowsSqlStore() {
        assertThat(api.get("/api/2.0/mlflow/metrics/get-history?run_id=" + "f".repeat(32) + "&metric_key=loss")
                        .assertOk())
                .isEmpty();
    }

    @Test
    void getHistoryOfAnUnknownKeyIsEmptyAndOfAMissingKeyAnError() {
        assertThat(api.get("/api/2.0/mlflow/metrics/get-history?run_id=" + runA + "&metric_key=nothing")
                        .assertOk())
                .isEmpty();
        api.get("/api/2.0/mlflow/metrics/get-history?run_id=" + runA).assertError(400, "INVALID_PARAMETER_VALUE");
        api.get("/api/2.0/mlflow/metrics/get-history?run_id=" + runA + "&metric_key=loss&max_results=-1")
                .assertError(400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    void bulkIntervalDownsamplesKeepingFirstAndLastSteps() {
        JsonNode metrics = api.get("/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=" + runA
                        + "&run_ids=" + runB + "&metric_key=loss&max_results=50")
                .assertOk()
                .path("metrics");
        List<Long> stepsOfA = new ArrayList<>();
        List<Long> stepsOfB = new ArrayList<>();
        metrics.forEach(m -> (m.path("run_id").asText().equals(runA) ? stepsOfA : stepsOfB)
                .add(m.path("step").asLong()));
        assertThat(stepsOfA).hasSizeBetween(40, 60).contains(0L, 999L).isSorted();
        assertThat(stepsOfB)
                .as("each run keeps its own first and last step")
                .startsWith(0L)
                .endsWith(9L)
                .isSorted();
    }

    @Test
    void bulkIntervalHonoursAStepRange() {
        JsonNode metrics = api.get("/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=" + runA
                        + "&metric_key=loss&start_step=100&end_step=200&max_results=20")
                .assertOk()
                .path("metrics");
        assertThat(steps(metrics))
                .allSatisfy(step -> assertThat(step).isBetween(100L, 200L))
                .contains(100L, 200L);
    }

    @Test
    void bulkIntervalRejectsBadArguments() {
        String base = "/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval?metric_key=loss";
        String hundredAndOne =
                IntStream.range(0, 101).mapToObj(i -> "&run_ids=r" + i).collect(Collectors.joining());
        assertThat(api.get(base + hundredAndOne).assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith(
                        "GetMetricHistoryBulkInterval request must specify at most 100 run_ids. Received 101 run_ids.");
        assertThat(api.get(base + "&run_ids=" + runA + "&max_results=2501").assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("max_results must be between 1 and 2500.");
        assertThat(api.get(base + "&run_ids=" + runA + "&start_step=5").assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("If either start step or end step are specified, both must be specified.");
        assertThat(api.get(base + "&run_ids=" + runA + "&start_step=5&end_step=1")
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("end_step must be greater than start_step. Found start_step=5 and end_step=1.");
        api.get(base).assertError(400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    void theUisBulkHistoryTakesRepeatedRunIds() {
        JsonNode metrics = api.get("/ajax-api/2.0/mlflow/metrics/get-history-bulk?run_id=" + runA + "&run_id=" + runB
                        + "&metric_key=loss&max_results=1010")
                .assertOk()
                .path("metrics");
        assertThat(metrics).hasSize(1010);
        assertThat(metrics.get(0).has("run_id")).isTrue();
        assertThat(api.get("/ajax-api/2.0/mlflow/metrics/get-history-bulk?metric_key=loss")
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("GetMetricHistoryBulk request must specify at least one run_id.");
        assertThat(api.get("/ajax-api/2.0/mlflow/metrics/get-history-bulk?run_id=" + runA)
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("GetMetricHistoryBulk request must specify a metric_key.");
    }

    @Test
    void longQueryStringsOfRunIdsAreReadNotRefused() {
        String hundredIds = IntStream.range(0, 99)
                .mapToObj(i -> "&run_id=" + "0".repeat(29) + String.format("%03d", i))
                .collect(Collectors.joining());
        assertThat(api.get("/ajax-api/2.0/mlflow/metrics/get-history-bulk?metric_key=loss" + hundredIds + "&run_id="
                                + runA)
                        .assertOk()
                        .path("metrics"))
                .isNotEmpty();
        String thousandIds =
                IntStream.range(0, 1000).mapToObj(i -> "&run_id=id_" + i).collect(Collectors.joining());
        assertThat(api.get("/ajax-api/2.0/mlflow/metrics/get-history-bulk?metric_key=key" + thousandIds)
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("GetMetricHistoryBulk request cannot specify more than 100 run_ids.");
    }

    private static List<Long> steps(JsonNode metrics) {
        List<Long> steps = new ArrayList<>();
        metrics.forEach(m -> steps.add(m.path("step").asLong()));
        return steps;
    }
}

package dev.flowline.server.tracking;

import static dev.flowline.server.tracking.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LogBatchApiTest extends TrackingServerTest {
    private static String experimentId;

    @BeforeAll
    static void createExperiment() {
        experimentId = api.createExperiment("log-batch");
    }

    @Test
    void logsMetricsParamsAndTagsTogether() {
        String runId = api.createRun(experimentId);
        ObjectNode batch = batch(runId, 3, 2, 2);
        assertThat(api.post("/api/2.0/mlflow/runs/log-batch", batch).assertOk()).isEmpty();
        JsonNode data = api.getRun(runId).path("data");
        assertThat(data.path("metrics")).hasSize(3);
        assertThat(data.path("params")).hasSize(2);
        assertThat(RunsApiTest.tags(api.getRun(runId))).containsKeys("t0", "t1");
    }

    @Test
    void acceptsTheLimitsExactly() {
        String runId = api.createRun(experimentId);
        api.post("/api/2.0/mlflow/runs/log-batch", batch(runId, 1000, 0, 0)).assertOk();
        api.post("/api/2.0/mlflow/runs/log-batch", batch(runId, 800, 100, 100)).assertOk();
        assertThat(api.getRun(runId).path("data").path("params")).hasSize(100);
    }

    @Test
    void logBatchRejectsMoreThan1000Metrics() {
        String runId = api.createRun(experimentId);
        assertThat(api.post("/api/2.0/mlflow/runs/log-batch", batch(runId, 1001, 0, 0))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo(
                        "A batch logging request can contain at most 1000 metrics. Got 1001 metrics. Please split up metrics"
                                + " across multiple requests and try again.");
        assertNothingLogged(runId);
    }

    @Test
    void logBatchRejectsMoreThan100ParamsOr100Tags() {
        String runId = api.createRun(experimentId);
        assertThat(api.post("/api/2.0/mlflow/runs/log-batch", batch(runId, 0, 101, 0))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("A batch logging request can contain at most 100 params. Got 101 params.");
        assertThat(api.post("/api/2.0/mlflow/runs/log-batch", batch(runId, 0, 0, 101))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("A batch logging request can contain at most 100 tags. Got 101 tags.");
        assertNothingLogged(runId);
    }

    @Test
    void logBatchRejectsMoreThan1000EntitiesInAll() {
        String runId = api.createRun(experimentId);
        assertThat(api.post("/api/2.0/mlflow/runs/log-batch", batch(runId, 900, 100, 1))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith(
                        "A batch logging request can contain at most 1000 metrics, params, and tags. Got 1001 metrics, params, and tags.");
        assertNothingLogged(runId);
    }

    @Test
    void logBatchRejectsABodyOverOneMegabyte() {
        String runId = api.createRun(experimentId);
        ObjectNode batch = batch(runId, 0, 0, 0);
        batch.put("padding", "x".repeat(1_000_001));
        assertThat(api.post("/api/2.0/mlflow/runs/log-batch", batch).assertError(400, "INVALID_PARAMETER_VALUE"))
                .matches("Batched logging API requests must be at most 1000000 bytes, got a request of size \\d+\\.");
    }

    @Test
    void oneBadEntryRejectsTheWholeBatch() {
        String runId = api.createRun(experimentId);
        ObjectNode batch = batch(runId, 5, 2, 2);
        ((ObjectNode) batch.withArray("metrics").get(3)).put("key", "bad;key");
        assertThat(api.post("/api/2.0/mlflow/runs/log-batch", batch).assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Invalid value \"bad;key\" for parameter 'metrics[3].name' supplied");
        assertNothingLogged(runId);
    }

    @Test
    void aChangedParamInABatchStoresNothing() {
        String runId = api.createRun(experimentId);
        api.post(
                        "/api/2.0/mlflow/runs/log-parameter",
                        object().put("run_id", runId).put("key", "p0").put("value", "old"))
                .assertOk();
        api.post("/api/2.0/mlflow/runs/log-batch", batch(runId, 3, 2, 1)).assertError(400, "INVALID_PARAMETER_VALUE");
        JsonNode data = api.getRun(runId).path("data");
        assertThat(data.has("metrics")).isFalse();
        assertThat(data.path("params")).hasSize(1);
        assertThat(data.path("params").get(0).path("value").asText()).isEqualTo("old");
    }

    @Test
    void rejectsDuplicateParamKeysAndMissingFields() {
        String runId = api.createRun(experimentId);
        ObjectNode duplicate = batch(runId, 0, 0, 0);
        duplicate
                .withArray("params")
                .add(object().put("key", "p").put("value", "1"))
                .add(object().put("key", "p").put("value", "2"));
        assertThat(api.post("/api/2.0/mlflow/runs/log-batch", duplicate).assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Duplicate parameter keys have been submitted: ['p'].");
        ObjectNode noTimestamp = batch(runId, 2, 0, 0);
        ((ObjectNode) noTimestamp.withArray("metrics").get(1)).remove("timestamp");
        assertThat(api.post("/api/2.0/mlflow/runs/log-batch", noTimestamp).assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Missing value for required parameter 'metrics[1].timestamp'.");
        ObjectNode noValue = batch(runId, 1, 0, 0);
        ((ObjectNode) noValue.withArray("metrics").get(0)).remove("value");
        assertThat(api.post("/api/2.0/mlflow/runs/log-batch", noValue).assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Missing value for required parameter 'metrics[0].value'.");
        ObjectNode noKey = batch(runId, 0, 0, 0);
        noKey.withArray("tags").add(object().put("value", "v"));
        assertThat(api.post("/api/2.0/mlflow/runs/log-batch", noKey).assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Missing value for required parameter 'tags[0].key'.");
        ObjectNode emptyParamKey = batch(runId, 0, 0, 0);
        emptyParamKey.withArray("params").add(object().put("key", "").put("value", "v"));
        assertThat(api.post("/api/2.0/mlflow/runs/log-batch", emptyParamKey)
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Missing value for required parameter 'params[0].key'.");
        api.post("/api/2.0/mlflow/runs/log-batch", object().put("run_id", runId).put("metrics", "not a list"))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        assertNothingLogged(runId);
    }

    @Test
    void aParamOrTagWithoutAValueIsStoredEmpty() {
        String runId = api.createRun(experimentId);
        ObjectNode batch = batch(runId, 0, 0, 0);
        batch.withArray("params").add(object().put("key", "no-value"));
        batch.withArray("tags").add(object().put("key", "no-value"));
        api.post("/api/2.0/mlflow/runs/log-batch", batch).assertOk();
        assertThat(api.getRun(runId)
                        .path("data")
                        .path("params")
                        .get(0)
                        .path("value")
                        .asText())
                .isEmpty();
        assertThat(RunsApiTest.tags(api.getRun(runId))).containsEntry("no-value", "");
    }

    @Test
    void numbersAsStringsNullsAndTheLegacyRunUuidLogTheSameAsPlainJson() {
        String plainRun = api.createRun(experimentId);
        String looseRun = api.createRun(experimentId);
        ObjectNode plain = object().put("run_id", plainRun).put("unknown", 1);
        plain.putArray("metrics")
                .add(object().put("key", "m")
                        .put("value", 2.5)
                        .put("timestamp", 1000)
                        .put("step", 3))
                .add(object().put("key", "n").put("value", 7).put("timestamp", 1001));
        plain.putArray("params").add(object().put("key", "p").put("value", "v"));
        ObjectNode loose = object().put("run_uuid", looseRun).putNull("tags");
        loose.putArray("metrics")
                .add(object().put("key", "m")
                        .put("value", "2.5")
                        .put("timestamp", "1000")
                        .put("step", 3.0))
                .add(object().put("key", "n").put("value", 7).put("timestamp", 1001));
        loose.putArray("params").add(object().put("key", "p").put("value", "v"));
        api.post("/api/2.0/mlflow/runs/log-batch", plain).assertOk();
        api.post("/api/2.0/mlflow/runs/log-batch", loose).assertOk();
        assertThat(api.getRun(looseRun).path("data").path("metrics"))
                .isEqualTo(api.getRun(plainRun).path("data").path("metrics"));
        assertThat(api.getRun(looseRun).path("data").path("params"))
                .isEqualTo(api.getRun(plainRun).path("data").path("params"));
    }

    @Test
    void unknownRunsAreResourceDoesNotExist() {
        api.post("/api/2.0/mlflow/runs/log-batch", batch("ffffffffffffffffffffffffffffffff", 1, 0, 0))
                .assertError(404, "RESOURCE_DOES_NOT_EXIST");
    }

    static ObjectNode batch(String runId, int metrics, int params, int tags) {
        ObjectNode batch = object().put("run_id", runId);
        ArrayNode metricList = batch.putArray("metrics");
        for (int i = 0; i < metrics; i++) {
            metricList.add(object().put("key", "m" + (i % 10))
                    .put("value", i * 0.5)
                    .put("timestamp", 1000 + i)
                    .put("step", i));
        }
        ArrayNode paramList = batch.putArray("params");
        for (int i = 0; i < params; i++) {
            paramList.add(object().put("key", "p" + i).put("value", "v" + i));
        }
        ArrayNode tagList = batch.putArray("tags");
        for (int i = 0; i < tags; i++) {
            tagList.add(object().put("key", "t" + i).put("value", "v" + i));
        }
        return batch;
    }

    private static void assertNothingLogged(String runId) {
        JsonNode data = api.getRun(runId).path("data");
        assertThat(data.has("metrics")).isFalse();
        assertThat(data.has("params")).isFalse();
        assertThat(RunsApiTest.tags(api.getRun(runId))).containsOnlyKeys("mlflow.runName");
    }
}

package dev.flowline.server.tracking;

import static dev.flowline.server.tracking.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RunsApiTest extends TrackingServerTest {
    private static String experimentId;

    @BeforeAll
    static void createExperiment() {
        experimentId = api.createExperiment("runs-api");
    }

    @Test
    void createAnswersWithTheRunInMlflowsShape() {
        var request = object().put("experiment_id", experimentId)
                .put("start_time", 1234)
                .put("user_id", "ana")
                .put("run_name", "first-run");
        request.putArray("tags").add(object().put("key", "team").put("value", "nlp"));
        JsonNode run =
                api.post("/api/2.0/mlflow/runs/create", request).assertOk().path("run");
        JsonNode info = run.path("info");
        String runId = info.path("run_id").asText();
        assertThat(runId).matches("[0-9a-f]{32}");
        assertThat(info.path("run_uuid").asText()).isEqualTo(runId);
        assertThat(info.path("experiment_id").asText()).isEqualTo(experimentId);
        assertThat(info.path("run_name").asText()).isEqualTo("first-run");
        assertThat(info.path("user_id").asText()).isEqualTo("ana");
        assertThat(info.path("status").asText()).isEqualTo("RUNNING");
        assertThat(info.path("start_time").isIntegralNumber()).isTrue();
        assertThat(info.path("start_time").asLong()).isEqualTo(1234);
        assertThat(info.has("end_time")).isFalse();
        assertThat(info.path("lifecycle_stage").asText()).isEqualTo("active");
        assertThat(info.path("artifact_uri").asText())
                .isEqualTo("mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts");
        assertThat(tags(run)).containsEntry("team", "nlp").containsEntry("mlflow.runName", "first-run");
    }

    @Test
    void aRunWithoutANameGetsOneAndItsTag() {
        JsonNode run = api.post("/api/2.0/mlflow/runs/create", object().put("experiment_id", experimentId))
                .assertOk()
                .path("run");
        String name = run.path("info").path("run_name").asText();
        assertThat(name).isNotEmpty();
        assertThat(tags(run)).containsEntry("mlflow.runName", name);
    }

    @Test
    void createRejectsUnknownOrDeletedExperimentsAndConflictingNames() {
        api.post("/api/2.0/mlflow/runs/create", object().put("experiment_id", "987654"))
                .assertError(404, "RESOURCE_DOES_NOT_EXIST");
        String deleted = api.createExperiment("runs-api-deleted");
        api.post("/api/2.0/mlflow/experiments/delete", object().put("experiment_id", deleted))
                .assertOk();
        api.post("/api/2.0/mlflow/runs/create", object().put("experiment_id", deleted))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        var conflicting = object().put("experiment_id", experimentId).put("run_name", "a");
        conflicting.putArray("tags").add(object().put("key", "mlflow.runName").put("value", "b"));
        assertThat(api.post("/api/2.0/mlflow/runs/create", conflicting).assertError(400, "INVALID_PARAMETER_VALUE"))
                .contains("Both 'run_name' argument and 'mlflow.runName' tag are specified");
    }

    @Test
    void anEmptyRunNameTagNamesNothing() {
        var named = object().put("experiment_id", experimentId).put("run_name", "named");
        named.putArray("tags").add(object().put("key", "mlflow.runName").put("value", ""));
        JsonNode run = api.post("/api/2.0/mlflow/runs/create", named).assertOk().path("run");
        assertThat(run.path("info").path("run_name").asText()).isEqualTo("named");
        assertThat(tags(run)).containsEntry("mlflow.runName", "named");
        var unnamed = object().put("experiment_id", experimentId);
        unnamed.putArray("tags").add(object().put("key", "mlflow.runName").put("value", ""));
        JsonNode generated =
                api.post("/api/2.0/mlflow/runs/create", unnamed).assertOk().path("run");
        assertThat(generated.path("info").path("run_name").asText()).matches("[a-z]+-[a-z]+-\\d+");
        assertThat(tags(generated))
                .containsEntry(
                        "mlflow.runName",
                        generated.path("info").path("run_name").asText());
    }

    @Test
    void updateSetsStatusEndTimeAndName() {
        String runId = api.createRun(experimentId);
        JsonNode info = api.post(
                        "/api/2.0/mlflow/runs/update",
                        object().put("run_id", runId)
                                .put("status", "FINISHED")
                                .put("end_time", 9999)
                                .put("run_name", "renamed"))
                .assertOk()
                .path("run_info");
        assertThat(info.path("status").asText()).isEqualTo("FINISHED");
        assertThat(info.path("end_time").asLong()).isEqualTo(9999);
        assertThat(info.path("run_name").asText()).isEqualTo("renamed");
        assertThat(tags(api.getRun(runId))).containsEntry("mlflow.runName", "renamed");
        api.post("/api/2.0/mlflow/runs/update", object().put("run_uuid", runId).put("status", "KILLED"))
                .assertOk();
        assertThat(api.getRun(runId).path("info").path("status").asText()).isEqualTo("KILLED");
        api.post("/api/2.0/mlflow/runs/update", object().put("run_id", runId).put("status", "DONE"))
                .assertError(400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    void getAcceptsTheLegacyRunUuidAndReportsUnknownRuns() {
        String runId = api.createRun(experimentId);
        assertThat(api.get("/api/2.0/mlflow/runs/get?run_uuid=" + runId)
                        .assertOk()
                        .path("run")
                        .path("info")
                        .path("run_id")
                        .asText())
                .isEqualTo(runId);
        assertThat(api.get("/api/2.0/mlflow/runs/get?run_id=ffffffffffffffffffffffffffffffff")
                        .assertError(404, "RESOURCE_DOES_NOT_EXIST"))
                .isEqualTo("Run with id=ffffffffffffffffffffffffffffffff not found");
        api.get("/api/2.0/mlflow/runs/get?run_id=" + "f".repeat(1000)).assertError(404, "RESOURCE_DOES_NOT_EXIST");
        assertThat(api.get("/api/2.0/mlflow/runs/get").assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Missing value for required parameter 'run_id'.");
    }

    @Test
    void logMetricKeepsEveryPointAndTheLatestValue() {
        String runId = api.createRun(experimentId);
        logMetric(runId, "loss", 1.5, 10, 0).assertOk();
        logMetric(runId, "loss", 0.5, 20, 1).assertOk();
        JsonNode metrics = api.getRun(runId).path("data").path("metrics");
        assertThat(metrics).hasSize(1);
        assertThat(metrics.get(0).path("value").asDouble()).isEqualTo(0.5);
        assertThat(metrics.get(0).path("step").asLong()).isEqualTo(1);
    }

    @Test
    void logMetricKeepsNanAndInfinities() {
        String runId = api.createRun(experimentId);
        api.post(
                        "/api/2.0/mlflow/runs/log-metric",
                        "{\"run_id\": \"" + runId + "\", \"key\": \"nan\", \"value\": NaN, \"timestamp\": 1}")
                .assertOk();
        api.post(
                        "/api/2.0/mlflow/runs/log-metric",
                        object().put("run_id", runId)
                                .put("key", "inf")
                                .put("value", "Infinity")
                                .put("timestamp", 1))
                .assertOk();
        api.post(
                        "/api/2.0/mlflow/runs/log-metric",
                        object().put("run_id", runId)
                                .put("key", "ninf")
                                .put("value", "-Infinity")
                                .put("timestamp", 1))
                .assertOk();
        Map<String, String> values = new HashMap<>();
        api.getRun(runId)
                .path("data")
                .path("metrics")
                .forEach(m -> values.put(m.path("key").asText(), m.path("value").asText()));
        assertThat(values)
                .containsEntry("nan", "NaN")
                .containsEntry("inf", "Infinity")
                .containsEntry("ninf", "-Infinity");
    }

    @Test
    void logMetricRejectsMissingAndMistypedFields() {
        String runId = api.createRun(experimentId);
        assertThat(api.post(
                                "/api/2.0/mlflow/runs/log-metric",
                                object().put("run_id", runId).put("key", "m").put("value", 1))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Missing value for required parameter 'timestamp'.");
        api.post(
                        "/api/2.0/mlflow/runs/log-metric",
                        object().put("run_id", runId).put("key", "m").put("timestamp", 1))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        api.post(
                        "/api/2.0/mlflow/runs/log-metric",
                        object().put("run_id", runId)
                                .put("key", "m")
                                .put("value", "high")
                                .put("timestamp", 1))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        api.post(
                        "/api/2.0/mlflow/runs/log-metric",
                        object().put("run_id", runId)
                                .put("key", "m")
                                .put("value", 1)
                                .put("timestamp", 1)
                                .put("step", 1.5))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        assertThat(logMetric(runId, "m", 1, -1, 0).assertError(400, "INVALID_PARAMETER_VALUE"))
                .contains("Timestamp must be a nonnegative long (64-bit integer)");
        assertThat(api.getRun(runId).path("data").has("metrics")).isFalse();
    }

    @Test
    void keysMustBeSafeNamesOfAtMost250Characters() {
        String runId = api.createRun(experimentId);
        for (String bad : new String[] {"a;b", "../up", "a/../b", "/abs", "a//b", "", "'; DROP TABLE runs; --"}) {
            api.post(
                            "/api/2.0/mlflow/runs/log-parameter",
                            object().put("run_id", runId).put("key", bad).put("value", "v"))
                    .assertError(400, "INVALID_PARAMETER_VALUE");
        }
        assertThat(logMetric(runId, "m/../n", 1, 1, 0).assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo(
                        "Invalid value \"m/../n\" for parameter 'name' supplied: Names may be treated as files in certain"
                                + " cases, and must not resolve to other names when treated as such. This name would resolve to 'n'");
        assertThat(api.post(
                                "/api/2.0/mlflow/runs/set-tag",
                                object().put("run_id", runId)
                                        .put("key", "x".repeat(251))
                                        .put("value", "v"))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("'key' exceeds the maximum length of 250 characters");
        api.post(
                        "/api/2.0/mlflow/runs/log-parameter",
                        object().put("run_id", runId)
                                .put("key", "dir/sub-key.v1 x_y")
                                .put("value", "ok"))
                .assertOk();
        assertThat(api.getRun(runId).path("data").path("params")).hasSize(1);
    }

    @Test
    void longParamAndTagValuesAreTruncatedAsMlflowDoes() {
        String runId = api.createRun(experimentId);
        api.post(
                        "/api/2.0/mlflow/runs/log-parameter",
                        object().put("run_id", runId).put("key", "p").put("value", "p".repeat(7000)))
                .assertOk();
        api.post(
                        "/api/2.0/mlflow/runs/set-tag",
                        object().put("run_id", runId).put("key", "t").put("value", "t".repeat(9000)))
                .assertOk();
        JsonNode data = api.getRun(runId).path("data");
        assertThat(data.path("params").get(0).path("value").asText()).hasSize(6000);
        assertThat(tags(api.getRun(runId)).get("t")).hasSize(8000);
    }

    @Test
    void aLoggedParamCannotChangeButMayBeLoggedAgain() {
        String runId = api.createRun(experimentId);
        api.post(
                        "/api/2.0/mlflow/runs/log-parameter",
                        object().put("run_id", runId).put("key", "lr").put("value", "0.1"))
                .assertOk();
        api.post(
                        "/api/2.0/mlflow/runs/log-parameter",
                        object().put("run_uuid", runId).put("key", "lr").put("value", "0.1"))
                .assertOk();
        api.post(
                        "/api/2.0/mlflow/runs/log-parameter",
                        object().put("run_id", runId).put("key", "lr").put("value", "0.2"))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        assertThat(api.getRun(runId)
                        .path("data")
                        .path("params")
                        .get(0)
                        .path("value")
                        .asText())
                .isEqualTo("0.1");
    }

    @Test
    void setAndDeleteTag() {
        String runId = api.createRun(experimentId);
        api.post(
                        "/api/2.0/mlflow/runs/set-tag",
                        object().put("run_id", runId).put("key", "color").put("value", "red"))
                .assertOk();
        assertThat(tags(api.getRun(runId))).containsEntry("color", "red");
        assertThat(api.post(
                                "/api/2.0/mlflow/runs/delete-tag",
                                object().put("run_id", runId).put("key", "color"))
                        .assertOk())
                .isEmpty();
        assertThat(tags(api.getRun(runId))).doesNotContainKey("color");
        api.post(
                        "/api/2.0/mlflow/runs/delete-tag",
                        object().put("run_id", runId).put("key", "color"))
                .assertError(404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void settingTheRunNameTagRenamesTheRun() {
        String runId = api.createRun(experimentId);
        api.post(
                        "/api/2.0/mlflow/runs/set-tag",
                        object().put("run_id", runId)
                                .put("key", "mlflow.runName")
                                .put("value", "by-tag"))
                .assertOk();
        assertThat(api.getRun(runId).path("info").path("run_name").asText()).isEqualTo("by-tag");
    }

    @Test
    void aDeletedRunRejectsLoggingUntilRestored() {
        String runId = api.createRun(experimentId);
        assertThat(api.post("/api/2.0/mlflow/runs/delete", object().put("run_id", runId))
                        .assertOk())
                .isEmpty();
        assertThat(api.getRun(runId).path("info").path("lifecycle_stage").asText())
                .isEqualTo("deleted");
        String expected = "The run " + runId + " must be in the 'active' state. Current state is deleted.";
        assertThat(logMetric(runId, "m", 1, 1, 0).assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo(expected);
        assertThat(api.post(
                                "/api/2.0/mlflow/runs/log-parameter",
                                object().put("run_id", runId).put("key", "k").put("value", "v"))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo(expected);
        assertThat(api.post("/api/2.0/mlflow/runs/log-batch", object().put("run_id", runId))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo(expected);
        api.post(
                        "/api/2.0/mlflow/runs/set-tag",
                        object().put("run_id", runId).put("key", "k").put("value", "v"))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        assertThat(api.post("/api/2.0/mlflow/runs/restore", object().put("run_id", runId))
                        .assertOk())
                .isEmpty();
        logMetric(runId, "m", 1, 1, 0).assertOk();
        api.post("/api/2.0/mlflow/runs/delete", object().put("run_id", "ffffffffffffffffffffffffffffffff"))
                .assertError(404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void logModelAppendsToTheModelHistoryTag() {
        String runId = api.createRun(experimentId);
        for (String path : new String[] {"model-a", "model-b"}) {
            String model = object().put("artifact_path", path)
                    .put("utc_time_created", "2024-01-01 00:00:00.000000")
                    .put("run_id", runId)
                    .set("flavors", object().set("python_function", object()))
                    .toString();
            assertThat(api.post(
                                    "/api/2.0/mlflow/runs/log-model",
                                    object().put("run_id", runId).put("model_json", model))
                            .assertOk())
                    .isEmpty();
        }
        JsonNode history = readJson(tags(api.getRun(runId)).get("mlflow.log-model.history"));
        assertThat(history).extracting(m -> m.path("artifact_path").asText()).containsExactly("model-a", "model-b");
        assertThat(api.post(
                                "/api/2.0/mlflow/runs/log-model",
                                object().put("run_id", runId).put("model_json", "{not json"))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Malformed model info.");
        assertThat(api.post(
                                "/api/2.0/mlflow/runs/log-model",
                                object().put("run_id", runId)
                                        .put(
                                                "model_json",
                                                object().put("artifact_path", "x")
                                                        .toString()))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Model json is missing mandatory fields: {'flavors', 'run_id', 'utc_time_created'}");
    }

    @Test
    void logInputsRecordsDatasetsWithTheirTags() {
        String runId = api.createRun(experimentId);
        ObjectNode input = object();
        input.putArray("tags").add(object().put("key", "mlflow.data.context").put("value", "training"));
        input.set(
                "dataset",
                object().put("name", "wine")
                        .put("digest", "abc123")
                        .put("source_type", "local")
                        .put("source", "{\"uri\": \"wine.csv\"}")
                        .put("schema", "{}"));
        var request = object().put("run_id", runId);
        request.putArray("datasets").add(input);
        assertThat(api.post("/api/2.0/mlflow/runs/log-inputs", request).assertOk())
                .isEmpty();

        JsonNode inputs = api.getRun(runId).path("inputs").path("dataset_inputs");
        assertThat(inputs).hasSize(1);
        assertThat(inputs.get(0).path("dataset").path("name").asText()).isEqualTo("wine");
        assertThat(inputs.get(0).path("dataset").path("source_type").asText()).isEqualTo("local");
        assertThat(inputs.get(0).path("tags").get(0).path("value").asText()).isEqualTo("training");

        var search = object();
        search.putArray("experiment_ids").add(experimentId);
        JsonNode summaries = api.post("/ajax-api/2.0/mlflow/experiments/search-datasets", search)
                .assertOk()
                .path("dataset_summaries");
        assertThat(summaries).anySatisfy(s -> {
            assertThat(s.path("name").asText()).isEqualTo("wine");
            assertThat(s.path("digest").asText()).isEqualTo("abc123");
            assertThat(s.path("context").asText()).isEqualTo("training");
            assertThat(s.path("experiment_id").asText()).isEqualTo(experimentId);
        });
        assertThat(api.post("/ajax-api/2.0/mlflow/experiments/search-datasets", object())
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("SearchDatasets request must specify at least one experiment_id.");
        var tooMany = object();
        for (int i = 0; i < 21; i++) {
            tooMany.withArray("experiment_ids").add(Integer.toString(i));
        }
        assertThat(api.post("/ajax-api/2.0/mlflow/experiments/search-datasets", tooMany)
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo(
                        "SearchDatasets request cannot specify more than 20 experiment_ids. Received 21 experiment_ids.");
        var missingDigest = object().put("run_id", runId);
        missingDigest.putArray("datasets").add(object().set("dataset", object().put("name", "n")));
        api.post("/api/2.0/mlflow/runs/log-inputs", missingDigest).assertError(400, "INVALID_PARAMETER_VALUE");
    }

    static ApiClient.Reply logMetric(String runId, String key, double value, long timestamp, long step) {
        return api.post(
                "/api/2.0/mlflow/runs/log-metric",
                object().put("run_id", runId)
                        .put("key", key)
                        .put("value", value)
                        .put("timestamp", timestamp)
                        .put("step", step));
    }

    static Map<String, String> tags(JsonNode run) {
        Map<String, String> tags = new HashMap<>();
        run.path("data")
                .path("tags")
                .forEach(t -> tags.put(t.path("key").asText(), t.path("value").asText()));
        return tags;
    }

    private static JsonNode readJson(String text) {
        try {
            return ApiClient.JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

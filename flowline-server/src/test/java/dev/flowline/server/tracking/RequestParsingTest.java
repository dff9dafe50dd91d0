package dev.flowline.server.tracking;

import static dev.flowline.server.tracking.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MLflow's request parsing and error answers, and that bad input leaves stored data as it was. */
class RequestParsingTest extends TrackingServerTest {
    private static final String DROP = "'; DROP TABLE runs; --";
    private static String experimentId;
    private static String runId;

    @BeforeAll
    static void storeSomething() {
        experimentId = api.createExperiment("parsing");
        runId = api.createRun(experimentId);
        api.post(
                        "/api/2.0/mlflow/runs/log-parameter",
                        object().put("run_id", runId).put("key", "kept").put("value", "yes"))
                .assertOk();
        RunsApiTest.logMetric(runId, "kept", 42, 1, 0).assertOk();
    }

    @Test
    void malformedJsonIsInvalidParameterValue() {
        api.post("/api/2.0/mlflow/experiments/create", "{\"name\": ").assertError(400, "INVALID_PARAMETER_VALUE");
        api.post("/api/2.0/mlflow/runs/log-batch", "[1, 2]").assertError(400, "INVALID_PARAMETER_VALUE");
        assertStoredDataIntact();
    }

    @Test
    void aBodyNeedsTheJsonContentType() {
        String body = object().put("name", "parsing-no-type").toString();
        assertThat(api.send("POST", "/api/2.0/mlflow/experiments/create", body, null)
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Bad Request. Content-Type header is missing.");
        assertThat(api.send("POST", "/api/2.0/mlflow/experiments/create", body, "text/plain")
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Bad Request. Content-Type must be one of ['application/json'].");
        api.send("POST", "/api/2.0/mlflow/experiments/create", body, "application/json; charset=utf-8")
                .assertOk();
    }

    @Test
    void doubleEncodedJsonIsAccepted() {
        String inner = object().put("name", "parsing-double-encoded").toString();
        String id = api.post(
                        "/api/2.0/mlflow/experiments/create",
                        ApiClient.JSON.valueToTree(inner).toString())
                .assertOk()
                .path("experiment_id")
                .asText();
        assertThat(api.get("/api/2.0/mlflow/experiments/get?experiment_id=" + id)
                        .assertOk()
                        .path("experiment")
                        .path("name")
                        .asText())
                .isEqualTo("parsing-double-encoded");
    }

    @Test
    void unknownFieldsAreIgnored() {
        api.post(
                        "/api/2.0/mlflow/experiments/create",
                        object().put("name", "parsing-unknown")
                                .put("colour", "blue")
                                .set("nested", object().put("a", 1)))
                .assertOk();
        api.get("/api/2.0/mlflow/runs/get?run_id=" + runId + "&whatever=1").assertOk();
    }

    @Test
    void wrongTypesAreInvalidParameterValue() {
        assertThat(api.post("/api/2.0/mlflow/experiments/create", object().put("name", 123))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo(
                        "Invalid value 123 for parameter 'name' supplied. Hint: Value was of type 'int'. See the API docs"
                                + " for more information about request parameters.");
        api.post(
                        "/api/2.0/mlflow/runs/create",
                        object().put("experiment_id", experimentId).put("start_time", "yesterday"))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        api.post("/api/2.0/mlflow/runs/log-batch", object().put("run_id", runId).set("params", object()))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        api.post("/api/2.0/mlflow/runs/search", object().put("max_results", "many"))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        api.post("/api/2.0/mlflow/runs/search", object().set("order_by", object()))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        assertStoredDataIntact();
    }

    @Test
    void aRepeatedFieldInABodyMustBeAList() {
        assertThat(api.post("/api/2.0/mlflow/runs/search", object().put("experiment_ids", experimentId))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Invalid value \"" + experimentId + "\" for parameter 'experiment_ids' supplied. Hint: Value"
                        + " was of type 'str'. See the API docs for more information about request parameters.");
        api.post("/api/2.0/mlflow/experiments/search", object().put("order_by", "name"))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        assertThat(api.get("/api/2.0/mlflow/experiments/search?order_by=name&max_results=1")
                        .assertOk()
                        .path("experiments"))
                .hasSize(1);
    }

    @Test
    void getTakesRepeatedQueryKeysAsLists() {
        String other = api.createExperiment("parsing-repeated");
        JsonNode experiments = api.get("/api/2.0/mlflow/experiments/search?filter=name%20LIKE%20'parsing-%25'"
                        + "&order_by=name%20DESC&order_by=creation_time")
                .assertOk()
                .path("experiments");
        assertThat(experiments)
                .extracting(e -> e.path("experiment_id").asText())
                .contains(other);
    }

    @Test
    void badlyEncodedQueriesAndDeeplyNestedBodiesAreClientErrors() throws IOException {
        assertThat(rawStatusLine("GET /api/2.0/mlflow/runs/get?run_id=%zz HTTP/1.1"))
                .matches("HTTP/1.1 4\\d\\d .*");
        String nested = "[".repeat(5000) + "]".repeat(5000);
        api.post("/api/2.0/mlflow/experiments/create", "{\"name\": \"deep\", \"tags\": " + nested + "}")
                .assertError(400, "INVALID_PARAMETER_VALUE");
        assertStoredDataIntact();
    }

    @Test
    void aBodyOverTheServersLimitIsRefusedUnread() {
        String huge = object().put("name", "x".repeat(17 * 1024 * 1024)).toString();
        assertThat(api.post("/api/2.0/mlflow/experiments/create", huge).assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Request body exceeds the limit of");
        assertStoredDataIntact();
    }

    @Test
    void unknownEndpointsAreEndpointNotFound() {
        api.get("/api/2.0/mlflow/runs/nothing-here").assertError(404, "ENDPOINT_NOT_FOUND");
        api.get("/api/2.0/mlflow/runs/log-metric").assertError(404, "ENDPOINT_NOT_FOUND");
    }

    @Test
    void sqlInNamesKeysAndIdsIsJustData() {
        String id = api.createExperiment(DROP);
        assertThat(api.get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=" + encode(DROP))
                        .assertOk()
                        .path("experiment")
                        .path("experiment_id")
                        .asText())
                .isEqualTo(id);
        api.get("/api/2.0/mlflow/runs/get?run_id=" + encode(DROP)).assertError(404, "RESOURCE_DOES_NOT_EXIST");
        api.get("/api/2.0/mlflow/experiments/get?experiment_id=" + encode(DROP))
                .assertError(404, "RESOURCE_DOES_NOT_EXIST");
        api.post(
                        "/api/2.0/mlflow/runs/log-parameter",
                        object().put("run_id", runId).put("key", DROP).put("value", "v"))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        api.post(
                        "/api/2.0/mlflow/runs/set-tag",
                        object().put("run_id", runId).put("key", "note").put("value", DROP))
                .assertOk();
        assertThat(RunsApiTest.tags(api.getRun(runId))).containsEntry("note", DROP);
        assertThat(api.get("/api/2.0/mlflow/metrics/get-history?run_id=" + encode(DROP) + "&metric_key=" + encode(DROP))
                        .assertOk())
                .isEmpty();
        api.post("/api/2.0/mlflow/experiments/search", object().put("filter", "name = '" + DROP + "'"))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        assertStoredDataIntact();
    }

    private static void assertStoredDataIntact() {
        JsonNode run = api.getRun(runId);
        assertThat(run.path("data").path("params").get(0).path("value").asText())
                .isEqualTo("yes");
        assertThat(run.path("data").path("metrics").get(0).path("value").asDouble())
                .isEqualTo(42.0);
        assertThat(api.get("/api/2.0/mlflow/experiments/get?experiment_id=" + experimentId)
                        .assertOk()
                        .path("experiment")
                        .path("name")
                        .asText())
                .isEqualTo("parsing");
    }

    /** Sends a request line the JDK client refuses to build and returns the answer's status line. */
    private static String rawStatusLine(String requestLine) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream()
                    .write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

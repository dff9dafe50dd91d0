package dev.flowline.server.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Raw HTTP calls to a running server's REST API, as any MLflow client makes them. */
public final class ApiClient {
    public static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public ApiClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A status with its parsed JSON body. */
    public record Reply(int status, JsonNode body) {
        /** Asserts MLflow's error body and returns its message. */
        public String assertError(int expectedStatus, String errorCode) {
            assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
            assertThat(body.path("error_code").asText())
                    .as("error_code of %s", body)
                    .isEqualTo(errorCode);
            return body.path("message").asText();
        }

        public JsonNode assertOk() {
            assertThat(status).as("status of %s", body).isEqualTo(200);
            return body;
        }
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public Reply post(String path, Object body) {
        return send("POST", path, body instanceof String s ? s : write(body), "application/json");
    }

    public Reply get(String pathAndQuery) {
        return send("GET", pathAndQuery, null, null);
    }

    /** Any call; {@code contentType} null sends no Content-Type header. */
    public Reply send(String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Reply(response.statusCode(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // Shortcuts used by many tests.

    public String createExperiment(String name) {
        return post("/api/2.0/mlflow/experiments/create", object().put("name", name))
                .assertOk()
                .path("experiment_id")
                .asText();
    }

    public String createRun(String experimentId) {
        return post(
                        "/api/2.0/mlflow/runs/create",
                        object().put("experiment_id", experimentId).put("start_time", 1000))
                .assertOk()
                .path("run")
                .path("info")
                .path("run_id")
                .asText();
    }

    public JsonNode getRun(String runId) {
        return get("/api/2.0/mlflow/runs/get?run_id=" + runId).assertOk().path("run");
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

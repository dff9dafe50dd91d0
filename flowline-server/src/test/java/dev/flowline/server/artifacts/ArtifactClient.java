package dev.flowline.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Raw HTTP calls to a server's artifact endpoints, as MLflow's clients make them. */
final class ArtifactClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    ArtifactClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    record Reply(int status, byte[] body, HttpResponse<byte[]> response) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        JsonNode assertOk() {
            assertThat(status).as("status of %s", text()).isEqualTo(200);
            return body.length == 0 ? JSON.createObjectNode() : json();
        }

        /** MLflow's error body; returns its message. */
        String assertError(int expectedStatus, String errorCode) {
            assertThat(status).as("status of %s", text()).isEqualTo(expectedStatus);
            assertThat(json().path("error_code").asText())
                    .as("error_code of %s", text())
                    .isEqualTo(errorCode);
            return json().path("message").asText();
        }
    }

    Reply put(String path, byte[] bytes) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    Reply get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    Reply post(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply postBytes(String path, byte[] bytes) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    Reply putArtifact(String artifactPath, String text) {
        return put("/api/2.0/mlflow-artifacts/artifacts/" + artifactPath, text.getBytes(StandardCharsets.UTF_8));
    }

    String createExperiment(String name) {
        return post("/api/2.0/mlflow/experiments/create", "{\"name\": \"" + name + "\"}")
                .assertOk()
                .path("experiment_id")
                .asText();
    }

    JsonNode createRun(String experimentId) {
        return post("/api/2.0/mlflow/runs/create", "{\"experiment_id\": \"" + experimentId + "\"}")
                .assertOk()
                .path("run")
                .path("info");
    }

    JsonNode getExperiment(String experimentId) {
        return get("/api/2.0/mlflow/experiments/get?experiment_id=" + experimentId)
                .assertOk()
                .path("experiment");
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.flowline.server.tracing;

import static dev.flowline.server.tracking.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowline.server.tracking.ApiClient;
import dev.flowline.server.tracking.TrackingServerTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The web UI's download of a trace's spans, {@code get-trace-artifact}, over real HTTP. */
class TraceArtifactsApiTest extends TrackingServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SPANS =
            "{\"spans\": [{\"name\": \"predict\", \"attributes\": {\"fruit\": \"apple\"}}]}";

    private static String startTrace(String experimentId) {
        return api.post(
                        "/api/2.0/mlflow/traces",
                        object().put("experiment_id", experimentId).put("timestamp_ms", 1))
                .assertOk()
                .path("trace_info")
                .path("request_id")
                .asText();
    }

    /** Uploads the spans where MLflow's client puts them: traces.json under the trace's artifact location. */
    private static void uploadSpans(String experimentId, String requestId) throws Exception {
        upload(experimentId, requestId, SPANS);
    }

    private static void upload(String experimentId, String requestId, String content) throws Exception {
        HttpResponse<String> put = HTTP.send(
                HttpRequest.newBuilder(URI.create(trackingUri() + "/api/2.0/mlflow-artifacts/artifacts/" + experimentId
                                + "/traces/" + requestId + "/artifacts/traces.json"))
                        .PUT(HttpRequest.BodyPublishers.ofString(content))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> download(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(trackingUri() + pathAndQuery))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return ApiClient.JSON.readTree(response.body());
    }

    @Test
    void theTracesSpansAreSentAsAnAttachment() throws Exception {
        String experimentId = api.createExperiment("get trace artifact");
        String requestId = startTrace(experimentId);
        uploadSpans(experimentId, requestId);

        for (String path : new String[] {"/ajax-api/2.0/mlflow/get-trace-artifact", "/get-trace-artifact"}) {
            HttpResponse<String> response = download(path + "?request_id=" + requestId);

            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Disposition"))
                    .contains("attachment; filename=traces.json");
            assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
            assertThat(response.body()).isEqualTo(SPANS);
        }
    }

    @Test
    void missingSpansAreMlflowsNotFound() throws Exception {
        String experimentId = api.createExperiment("trace-artifact-missing");
        String requestId = startTrace(experimentId);

        HttpResponse<String> response = download("/ajax-api/2.0/mlflow/get-trace-artifact?request_id=" + requestId);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error_code").asText()).isEqualTo("NOT_FOUND");
        assertThat(json(response).path("message").asText())
                .isEqualTo("Trace data not found for path=mlflow-artifacts:/" + experimentId + "/traces/" + requestId
                        + "/artifacts/traces.json");
    }

    @Test
    void spansThatAreNotJsonAreMlflowsInvalidState() throws Exception {
        String experimentId = api.createExperiment("trace-artifact-corrupted");
        for (String content : new String[] {"{\"spans\": [", "", "{} {}"}) {
            String requestId = startTrace(experimentId);
            upload(experimentId, requestId, content);

            HttpResponse<String> response = download("/ajax-api/2.0/mlflow/get-trace-artifact?request_id=" + requestId);

            assertThat(response.statusCode()).as(content).isEqualTo(500);
            assertThat(json(response).path("error_code").asText()).isEqualTo("INVALID_STATE");
            assertThat(json(response).path("message").asText())
                    .isEqualTo("Trace data is corrupted for path=mlflow-artifacts:/" + experimentId + "/traces/"
                            + requestId + "/artifacts/traces.json");
        }
    }

    @Test
    void aMissingOrUnknownRequestIdIsRefused() throws Exception {
        HttpResponse<String> noId = download("/ajax-api/2.0/mlflow/get-trace-artifact");
        assertThat(noId.statusCode()).isEqualTo(400);
        assertThat(json(noId).path("error_code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(json(noId).path("message").asText())
                .isEqualTo("Request must specify the \"request_id\" query parameter.");

        HttpResponse<String> unknown = download("/ajax-api/2.0/mlflow/get-trace-artifact?request_id=tr-unknown");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void aTraceWithoutItsLocationTagIsMlflowsInternalError() throws Exception {
        String requestId = startTrace(api.createExperiment("trace-artifact-no-location"));
        api.send(
                        "DELETE",
                        "/api/2.0/mlflow/traces/" + requestId + "/tags",
                        object().put("key", "mlflow.artifactLocation").toString(),
                        "application/json")
                .assertOk();

        HttpResponse<String> response = download("/ajax-api/2.0/mlflow/get-trace-artifact?request_id=" + requestId);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response).path("message").asText()).isEqualTo("Unable to determine trace artifact location.");
    }
}

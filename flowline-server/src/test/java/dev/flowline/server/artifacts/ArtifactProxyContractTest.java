package dev.flowline.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowline.core.artifacts.ArtifactSettings;
import dev.flowline.server.FlowlineServer;
import dev.flowline.server.ServerConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The artifact proxy and run-artifact endpoints over HTTP; subclasses choose the proxy's destination. */
abstract class ArtifactProxyContractTest {
    static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts/";
    static final String UPLOAD = "/ajax-api/2.0/mlflow/upload-artifact";

    static FlowlineServer server;
    static ArtifactClient client;

    static void start(Path directory, String destination, ArtifactSettings settings) {
        URI backend = URI.create("sqlite:///" + directory.resolve("mlflow.db").toAbsolutePath());
        server = FlowlineServer.start(ServerConfig.embeddedDefault()
                .withPort(0)
                .withBackendStoreUri(backend)
                .withArtifacts(null, true, destination, false)
                .withArtifactSettings(settings));
        client = new ArtifactClient(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void uploadThenDownloadReturnsTheSameBytesWithLengthAndType() {
        String dir = unique("up");
        byte[] bytes = new byte[300_000];
        new Random(1).nextBytes(bytes);

        client.put(ARTIFACTS + dir + "/weights.bin", bytes).assertOk();
        client.putArtifact(dir + "/MLmodel", "flavors: {}").assertOk();

        ArtifactClient.Reply download = client.get(ARTIFACTS + dir + "/weights.bin");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(bytes);
        assertThat(download.header("Content-Length")).isEqualTo("300000");
        assertThat(download.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"weights.bin\"");
        ArtifactClient.Reply text = client.get("/ajax-api/2.0/mlflow-artifacts/artifacts/" + dir + "/MLmodel");
        assertThat(text.text()).isEqualTo("flavors: {}");
        assertThat(text.header("Content-Type")).startsWith("text/plain");
    }

    @Test
    void uploadReplacesAnExistingArtifact() {
        String dir = unique("replace");
        client.putArtifact(dir + "/a.txt", "first").assertOk();
        client.putArtifact(dir + "/a.txt", "second").assertOk();

        assertThat(client.get(ARTIFACTS + dir + "/a.txt").text()).isEqualTo("second");
    }

    @Test
    void listShowsBaseNamesWithSizesInMlflowsShape() throws Exception {
        String dir = unique("list");
        client.putArtifact(dir + "/metrics.json", "{}").assertOk();
        client.putArtifact(dir + "/model/MLmodel", "abc").assertOk();

        JsonNode listing =
                client.get("/api/2.0/mlflow-artifacts/artifacts?path=" + dir).assertOk();

        assertThat(listing).isEqualTo(ArtifactClient.JSON.readTree("""
                {"files": [{"path": "metrics.json", "is_dir": false, "file_size": 2}, {"path": "model", "is_dir": true}]}"""));
        assertThat(client.get("/api/2.0/mlflow-artifacts/artifacts?path=" + dir + "/nothing")
                        .assertOk())
                .isEmpty();
    }

    @Test
    void deleteRemovesTheArtifactAndItsDirectory() {
        String dir = unique("delete");
        client.putArtifact(dir + "/sub/a.txt", "a").assertOk();
        client.putArtifact(dir + "/keep.txt", "k").assertOk();

        client.delete(ARTIFACTS + dir + "/sub").assertOk();

        assertThat(client.get(ARTIFACTS + dir + "/sub/a.txt").status()).isEqualTo(404);
        assertThat(client.get("/api/2.0/mlflow-artifacts/artifacts?path=" + dir)
                        .assertOk()
                        .path("files"))
                .extracting(f -> f.path("path").asText())
                .containsExactly("keep.txt");
    }

    @Test
    void downloadOfAMissingArtifactIsResourceDoesNotExist() {
        client.get(ARTIFACTS + unique("missing") + "/nothing.txt").assertError(404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void rangeRequestsGetPartialContent() {
        String path = unique("range") + "/digits.txt";
        client.putArtifact(path, "0123456789").assertOk();

        ArtifactClient.Reply middle = client.get(ARTIFACTS + path, "Range", "bytes=2-5");
        assertThat(middle.status()).isEqualTo(206);
        assertThat(middle.text()).isEqualTo("2345");
        assertThat(middle.header("Content-Range")).isEqualTo("bytes 2-5/10");
        assertThat(middle.header("Content-Length")).isEqualTo("4");
        assertThat(client.get(ARTIFACTS + path, "Range", "bytes=7-").text()).isEqualTo("789");
        assertThat(client.get(ARTIFACTS + path, "Range", "bytes=-3").text()).isEqualTo("789");
        ArtifactClient.Reply beyond = client.get(ARTIFACTS + path, "Range", "bytes=10-");
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */10");
    }

    @Test
    void runArtifactsOfAProxiedRunAreListedAndDownloaded() throws Exception {
        String experimentId = client.createExperiment(unique("proxied"));
        assertThat(client.getExperiment(experimentId).path("artifact_location").asText())
                .isEqualTo("mlflow-artifacts:/" + experimentId);
        JsonNode run = client.createRun(experimentId);
        String runId = run.path("run_id").asText();
        assertThat(run.path("artifact_uri").asText())
                .isEqualTo("mlflow-artifacts:/" + experimentId + "/" + runId + "/artifacts");
        String root = experimentId + "/" + runId + "/artifacts/";
        client.putArtifact(root + "model/MLmodel", "flavors: {}").assertOk();
        client.putArtifact(root + "plot.png", "png").assertOk();

        JsonNode top =
                client.get("/api/2.0/mlflow/artifacts/list?run_id=" + runId).assertOk();
        JsonNode model = client.get("/ajax-api/2.0/mlflow/artifacts/list?run_id=" + runId + "&path=model")
                .assertOk();

        assertThat(top.path("root_uri").asText())
                .isEqualTo(run.path("artifact_uri").asText());
        assertThat(top.path("files")).isEqualTo(ArtifactClient.JSON.readTree("""
                [{"path": "model", "is_dir": true}, {"path": "plot.png", "is_dir": false, "file_size": 3}]"""));
        assertThat(model.path("files")).isEqualTo(ArtifactClient.JSON.readTree("""
                [{"path": "model/MLmodel", "is_dir": false, "file_size": 11}]"""));
        ArtifactClient.Reply download = client.get("/get-artifact?run_id=" + runId + "&path=model/MLmodel");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.text()).isEqualTo("flavors: {}");
        assertThat(download.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void runArtifactsOfAnUnknownRunAreResourceDoesNotExist() {
        client.get("/api/2.0/mlflow/artifacts/list?run_id=" + "f".repeat(32))
                .assertError(404, "RESOURCE_DOES_NOT_EXIST");
        client.get("/get-artifact?run_id=" + "f".repeat(32) + "&path=a.txt")
                .assertError(404, "RESOURCE_DOES_NOT_EXIST");
        client.get("/api/2.0/mlflow/artifacts/list").assertError(400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    void modelVersionArtifactsAreDownloadedFromTheVersionsSource() {
        String experimentId = client.createExperiment(unique("registry"));
        JsonNode run = client.createRun(experimentId);
        String runId = run.path("run_id").asText();
        client.putArtifact(experimentId + "/" + runId + "/artifacts/model/MLmodel", "flavors: {onnx: {}}")
                .assertOk();
        String name = unique("model");
        client.post("/api/2.0/mlflow/registered-models/create", "{\"name\": \"" + name + "\"}")
                .assertOk();
        client.post(
                        "/api/2.0/mlflow/model-versions/create",
                        "{\"name\": \"" + name + "\", \"source\": \""
                                + run.path("artifact_uri").asText() + "/model\", \"run_id\": \"" + runId + "\"}")
                .assertOk();

        ArtifactClient.Reply download =
                client.get("/model-versions/get-artifact?name=" + name + "&version=1&path=MLmodel");

        assertThat(download.status()).as(download.text()).isEqualTo(200);
        assertThat(download.text()).isEqualTo("flavors: {onnx: {}}");
    }

    @Test
    void deletingRunsAndExperimentsKeepsTheirArtifacts() {
        String experimentId = client.createExperiment(unique("keep"));
        String runId = client.createRun(experimentId).path("run_id").asText();
        String path = experimentId + "/" + runId + "/artifacts/kept.txt";
        client.putArtifact(path, "kept").assertOk();

        client.post("/api/2.0/mlflow/runs/delete", "{\"run_id\": \"" + runId + "\"}")
                .assertOk();
        client.post("/api/2.0/mlflow/experiments/delete", "{\"experiment_id\": \"" + experimentId + "\"}")
                .assertOk();

        assertThat(client.get(ARTIFACTS + path).text()).isEqualTo("kept");
    }

    @Test
    void downloadPathsAreCheckedBeforeTheRunOrModelVersionIsLookedUp() {
        String unknownRun = "f".repeat(32);
        for (String url : List.of(
                "/get-artifact?run_id=" + unknownRun + "&path=../path",
                "//model-versions/get-artifact?name=no-such-model&version=1&path=../path")) {
            assertThat(client.get(url).assertError(400, "INVALID_PARAMETER_VALUE"))
                    .isEqualTo("Invalid path");
        }
    }

    @Test
    void theWebUisUploadStoresAFileAmongTheRunsArtifacts() {
        String experimentId = client.createExperiment(unique("ui-upload"));
        String runId = client.createRun(experimentId).path("run_id").asText();

        ArtifactClient.Reply upload =
                client.postBytes(UPLOAD + "?run_uuid=" + runId + "&path=plots/test.txt", utf8("hello world"));

        assertThat(upload.status()).as(upload.text()).isEqualTo(200);
        assertThat(upload.body()).isEmpty();
        assertThat(client.get("/get-artifact?run_uuid=" + runId + "&path=plots/test.txt")
                        .text())
                .isEqualTo("hello world");
        assertThat(client.get(ARTIFACTS + experimentId + "/" + runId + "/artifacts/plots/test.txt")
                        .text())
                .isEqualTo("hello world");
    }

    @Test
    void theWebUisUploadRejectsWhatMlflowRejects() {
        String runId = client.createRun(client.createExperiment(unique("ui-upload-bad")))
                .path("run_id")
                .asText();
        byte[] data = utf8("x");

        assertThat(client.postBytes(UPLOAD + "?path=a.txt", data).assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Request must specify run_uuid.");
        assertThat(client.postBytes(UPLOAD + "?run_uuid=" + runId, data).assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Request must specify path.");
        assertThat(client.postBytes(UPLOAD + "?run_uuid=" + runId + "&path=", data)
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Request must specify path.");
        assertThat(client.postBytes(UPLOAD + "?run_uuid=" + runId + "&path=../test.txt", data)
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Invalid path");
        assertThat(client.postBytes(UPLOAD + "?run_uuid=" + runId + "&path=%252e%252e/test.txt", data)
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Invalid path");
        assertThat(client.postBytes(UPLOAD + "?run_uuid=" + runId + "&path=test.txt", new byte[0])
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Request must specify data.");
        assertThat(client.postBytes(UPLOAD + "?run_uuid=" + runId + "&path=big.bin", new byte[10 * 1024 * 1024 + 1])
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Artifact size is too large. Max size is 10MB.");
        client.postBytes(UPLOAD + "?run_uuid=" + "f".repeat(32) + "&path=a.txt", data)
                .assertError(404, "RESOURCE_DOES_NOT_EXIST");
        assertThat(client.get("/api/2.0/mlflow/artifacts/list?run_id=" + runId)
                        .assertOk()
                        .path("files"))
                .isEmpty();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

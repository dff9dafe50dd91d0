package dev.flowline.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowline.core.artifacts.ArtifactSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalArtifactProxyTest extends ArtifactProxyContractTest {
    @TempDir
    static Path directory;

    @BeforeAll
    static void startServer() {
        start(directory, directory.resolve("mlartifacts").toString(), ArtifactSettings.none());
    }

    @Test
    void uploadsLandInTheDestinationDirectory() throws Exception {
        client.putArtifact("on-disk/file.txt", "here").assertOk();

        assertThat(Files.readString(directory.resolve("mlartifacts/on-disk/file.txt")))
                .isEqualTo("here");
    }

    @Test
    void multipartUploadIsNotImplementedForLocalDestinations() {
        String message = client.post(
                        "/api/2.0/mlflow-artifacts/mpu/create/some/dir",
                        "{\"path\": \"/tmp/model.bin\", \"num_parts\": 2}")
                .assertError(501, "NOT_IMPLEMENTED");

        assertThat(message).isEqualTo("Multipart upload is not supported for the current artifact repository");
        client.post("/ajax-api/2.0/mlflow-artifacts/mpu/abort/some/dir", "{\"path\": \"x\", \"upload_id\": \"u\"}")
                .assertError(501, "NOT_IMPLEMENTED");
    }

    @Test
    void theWebUisUploadWritesToARunsFileLocation() throws Exception {
        Path location = Files.createDirectories(directory.resolve("ui-direct"));
        String runId = runUnder("ui-direct", location);

        client.postBytes(UPLOAD + "?run_uuid=" + runId + "&path=notes/a.txt", utf8("direct"))
                .assertOk();

        assertThat(Files.readString(location.resolve(runId).resolve("artifacts/notes/a.txt")))
                .isEqualTo("direct");
    }

    @Test
    void runArtifactsUnderAFileLocationAreListedFromThatDirectory() throws Exception {
        Path location = Files.createDirectories(directory.resolve("direct"));
        String runId = runUnder("direct", location);
        Path runDir = Files.createDirectories(location.resolve(runId).resolve("artifacts"));
        Files.writeString(runDir.resolve("written-by-client.txt"), "direct");

        assertThat(client.get("/api/2.0/mlflow/artifacts/list?run_id=" + runId)
                        .assertOk()
                        .path("files")
                        .get(0)
                        .path("path")
                        .asText())
                .isEqualTo("written-by-client.txt");
        assertThat(client.get("/get-artifact?run_id=" + runId + "&path=written-by-client.txt")
                        .text())
                .isEqualTo("direct");
    }

    /** A new run of a new experiment whose artifact location is the directory, as a client may choose. */
    private static String runUnder(String experimentName, Path location) {
        String experimentId = client.post(
                        "/api/2.0/mlflow/experiments/create",
                        "{\"name\": \"" + experimentName + "\", \"artifact_location\": \"" + location.toUri() + "\"}")
                .assertOk()
                .path("experiment_id")
                .asText();
        return client.createRun(experimentId).path("run_id").asText();
    }
}

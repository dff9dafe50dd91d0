package dev.flowline.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowline.server.FlowlineServer;
import dev.flowline.server.ServerConfig;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --default-artifact-root}, {@code --no-serve-artifacts} and {@code --artifacts-only}, as mlflow server has them. */
class ArtifactServerFlagsTest {
    @TempDir
    Path directory;

    FlowlineServer server;
    ArtifactClient client;

    private void start(String defaultArtifactRoot, boolean serveArtifacts, boolean artifactsOnly) {
        URI backend = URI.create("sqlite:///" + directory.resolve("mlflow.db").toAbsolutePath());
        server = FlowlineServer.start(ServerConfig.embeddedDefault()
                .withPort(0)
                .withBackendStoreUri(backend)
                .withArtifacts(
                        defaultArtifactRoot,
                        serveArtifacts,
                        directory.resolve("mlartifacts").toString(),
                        artifactsOnly));
        client = new ArtifactClient(server.port());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aDefaultArtifactRootGivesNewExperimentsALocationUnderIt() {
        start("s3://bucket/team/", true, false);

        String id = client.createExperiment("under-root");

        assertThat(client.getExperiment(id).path("artifact_location").asText()).isEqualTo("s3://bucket/team/" + id);
    }

    @Test
    void withoutTheProxyNewExperimentsGetAnAbsoluteMlrunsDirectory() {
        start(null, false, false);

        String id = client.createExperiment("no-proxy");

        assertThat(client.getExperiment(id).path("artifact_location").asText())
                .isEqualTo(Path.of("")
                        .toAbsolutePath()
                        .resolve("mlruns")
                        .resolve(id)
                        .toString());
    }

    @Test
    void withoutTheProxyItsEndpointsAnswer503AsMlflowDoes() {
        start(null, false, false);

        ArtifactClient.Reply reply = client.get("/api/2.0/mlflow-artifacts/artifacts/a.txt");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.text())
                .startsWith("Endpoint: /api/2.0/mlflow-artifacts/artifacts/")
                .endsWith("disabled due to the mlflow server running with `--no-serve-artifacts`. "
                        + "To enable artifacts server functionality, run `mlflow server` with `--serve-artifacts`");
        assertThat(client.put("/ajax-api/2.0/mlflow-artifacts/artifacts/a.txt", new byte[1])
                        .status())
                .isEqualTo(503);
        assertThat(client.post("/api/2.0/mlflow-artifacts/mpu/create/a", "{}").status())
                .isEqualTo(503);
    }

    @Test
    void artifactsOnlyServesTheProxyAndAnswers503ForTracking() {
        start(null, true, true);

        client.putArtifact("only/a.txt", "a").assertOk();
        assertThat(client.get("/api/2.0/mlflow-artifacts/artifacts/only/a.txt").text())
                .isEqualTo("a");
        ArtifactClient.Reply tracking = client.post("/api/2.0/mlflow/experiments/create", "{\"name\": \"x\"}");

        assertThat(tracking.status()).isEqualTo(503);
        assertThat(tracking.text())
                .isEqualTo(
                        "Endpoint: /api/2.0/mlflow/experiments/create disabled due to the mlflow server "
                                + "running with `--artifacts-only`. To enable tracking server functionality, run `mlflow server` without `--artifacts-only`");
        assertThat(client.get("/api/2.0/mlflow/artifacts/list?run_id=abc").status())
                .isEqualTo(503);
        assertThat(client.get("/ajax-api/2.0/mlflow/registered-models/search").status())
                .isEqualTo(503);
        assertThat(client.get("/health").text()).isEqualTo("OK");
    }
}

package dev.flowline.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.ModelRegistry.ModelVersion;
import org.mlflow.api.proto.ModelRegistry.RegisteredModel;
import org.mlflow.api.proto.Service.CreateExperiment;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.ModelVersionsPage;

/** The official MLflow Java client's registry calls, unchanged, against a running Flowline server. */
class RegistryJavaClientTest extends RegistryServerTest {
    @TempDir
    static Path artifactRoot;

    private static MlflowClient client;

    @BeforeAll
    static void connect() {
        client = new MlflowClient(trackingUri());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void readsModelsVersionsAndLatestVersions() {
        String name = unique("client");
        client.sendPost(
                "registered-models/create", "{\"name\": \"" + name + "\", \"description\": \"from the client\"}");
        client.sendPost("model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"s3://bucket/a\"}");
        client.sendPost("model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"s3://bucket/b\"}");
        client.sendPost(
                "model-versions/transition-stage",
                "{\"name\": \"" + name + "\", \"version\": \"1\", \"stage\": \"Staging\"}");
        client.sendPatch(
                "model-versions/update",
                "{\"name\": \"" + name + "\", \"version\": \"2\", \"description\": \"second\"}");

        RegisteredModel model = client.getRegisteredModel(name);
        assertThat(model.getName()).isEqualTo(name);
        assertThat(model.getDescription()).isEqualTo("from the client");
        assertThat(model.getLatestVersionsList())
                .extracting(ModelVersion::getVersion)
                .containsExactly("1", "2");

        ModelVersion second = client.getModelVersion(name, "2");
        assertThat(second.getDescription()).isEqualTo("second");
        assertThat(second.getCurrentStage()).isEqualTo("None");
        assertThat(second.getStatus().name()).isEqualTo("READY");
        assertThat(client.getLatestVersions(name, List.of("Staging")))
                .extracting(ModelVersion::getVersion)
                .containsExactly("1");
        assertThat(client.getLatestVersions(name)).hasSize(2);
        assertThat(client.getModelVersionDownloadUri(name, "1")).isEqualTo("s3://bucket/a");
    }

    @Test
    void searchesModelVersionsPageByPage() {
        String name = unique("client-search");
        client.sendPost("registered-models/create", "{\"name\": \"" + name + "\"}");
        for (int i = 0; i < 5; i++) {
            client.sendPost(
                    "model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"s3://bucket/" + i + "\"}");
        }

        List<String> versions = new ArrayList<>();
        ModelVersionsPage page = client.searchModelVersions("name = '" + name + "'", 2, List.of("version_number ASC"));
        page.getItems().forEach(v -> versions.add(v.getVersion()));
        while (page.hasNextPage()) {
            page = (ModelVersionsPage) page.getNextPage();
            page.getItems().forEach(v -> versions.add(v.getVersion()));
        }

        assertThat(versions).containsExactly("1", "2", "3", "4", "5");
        assertThat(client.searchModelVersions("name = '" + unique("none") + "'").getItems())
                .isEmpty();
    }

    @Test
    void resolvesAVersionRegisteredFromARunsUriToTheRunsArtifacts() throws IOException {
        String experimentId = client.createExperiment(CreateExperiment.newBuilder()
                .setName(unique("client-download"))
                .setArtifactLocation(artifactRoot.toUri().toString())
                .build());
        String runId = client.createRun(experimentId).getRunId();
        String artifactUri = client.getRun(runId).getInfo().getArtifactUri();
        Files.createDirectories(Path.of(URI.create(artifactUri)).resolve("model"));
        String name = unique("client-download");
        client.sendPost("registered-models/create", "{\"name\": \"" + name + "\"}");
        client.sendPost(
                "model-versions/create",
                "{\"name\": \"" + name + "\", \"source\": \"runs:/" + runId + "/model\", \"run_id\": \"" + runId
                        + "\"}");
        client.sendPost(
                "registered-models/alias", "{\"name\": \"" + name + "\", \"alias\": \"champion\", \"version\": \"1\"}");

        // downloadModelVersion itself hands the URI to the Python CLI, which this machine lacks.
        assertThat(client.getModelVersionDownloadUri(name, "1")).isEqualTo(artifactUri + "/model");
        assertThat(client.getModelVersion(name, "1").getAliasesList()).containsExactly("champion");
        assertThat(client.sendGet("registered-models/alias?name=" + name + "&alias=champion"))
                .contains("\"version\":\"1\"");
    }

    @Test
    void failuresArriveAsHttpErrorsWithMlflowsCodes() {
        String name = unique("client-missing");
        assertThatThrownBy(() -> client.getRegisteredModel(name))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getBodyMessage()).contains("RESOURCE_DOES_NOT_EXIST");
                });
        assertThatThrownBy(() -> client.getModelVersion(name, "1"))
                .isInstanceOfSatisfying(
                        MlflowHttpException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(404));
        client.sendPost("registered-models/create", "{\"name\": \"" + name + "\"}");
        assertThatThrownBy(() -> client.sendPost("registered-models/create", "{\"name\": \"" + name + "\"}"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getBodyMessage()).contains("RESOURCE_ALREADY_EXISTS");
                });
        assertThatThrownBy(() -> client.sendPost(
                        "model-versions/create", "{\"name\": \"" + name + "\", \"source\": \"/etc/passwd\"}"))
                .isInstanceOfSatisfying(MlflowHttpException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getBodyMessage()).contains("INVALID_PARAMETER_VALUE");
                });
    }
}

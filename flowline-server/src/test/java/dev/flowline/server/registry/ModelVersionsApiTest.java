package dev.flowline.server.registry;

import static dev.flowline.server.registry.RegisteredModelsApiTest.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@code mlflow/model-versions/*} over HTTP: shapes, rules and errors as MLflow's. */
class ModelVersionsApiTest extends RegistryServerTest {

    @Test
    void createFromARunsUriResolvesItsDownloadUri() {
        String experimentId = api.createExperiment(unique("versions"));
        String runId = api.createRun(experimentId);
        String artifactUri = api.getRun(runId).path("info").path("artifact_uri").asText();
        String name = unique("runs-source");
        createModel(name);

        JsonNode version = createVersion(name, "runs:/" + runId + "/model", runId)
                .assertOk()
                .path("model_version");

        assertThat(version.path("name").asText()).isEqualTo(name);
        assertThat(version.path("version").asText()).isEqualTo("1");
        assertThat(version.path("current_stage").asText()).isEqualTo("None");
        assertThat(version.path("status").asText()).isEqualTo("READY");
        assertThat(version.path("source").asText()).isEqualTo("runs:/" + runId + "/model");
        assertThat(version.path("run_id").asText()).isEqualTo(runId);
        assertThat(api.get(VERSIONS + "get-download-uri?name=" + name + "&version=1")
                        .assertOk()
                        .path("artifact_uri")
                        .asText())
                .isEqualTo(artifactUri + "/model");
        assertThat(api.get(VERSIONS + "get?name=" + name + "&version=1")
                        .assertOk()
                        .path("model_version"))
                .isEqualTo(version);
    }

    @Test
    void aModelsUriSourceResolvesToTheVersionItNames() {
        String name = unique("models-source");
        createModel(name);
        createVersion(name);

        createVersion(name, "models:/" + name + "/1", null).assertOk();

        assertThat(api.get(VERSIONS + "get-download-uri?name=" + name + "&version=2")
                        .assertOk()
                        .path("artifact_uri")
                        .asText())
                .isEqualTo("s3://bucket/models/" + name);
        assertThat(createVersion(name, "models:/" + name + "/9", null).assertError(400, "INVALID_PARAMETER_VALUE"))
                .contains("Unable to fetch model from model URI source artifact location");
    }

    @Test
    void updateTransitionAndDelete() {
        String name = unique("lifecycle");
        createModel(name);
        createVersion(name);
        createVersion(name);
        api.post(MODELS + "alias", body().put("name", name).put("alias", "old").put("version", "1"))
                .assertOk();

        assertThat(patch(
                                VERSIONS + "update",
                                body().put("name", name).put("version", "1").put("description", "first"))
                        .assertOk()
                        .path("model_version")
                        .path("description")
                        .asText())
                .isEqualTo("first");
        api.post(
                        VERSIONS + "transition-stage",
                        body().put("name", name).put("version", "1").put("stage", "Production"))
                .assertOk();
        JsonNode second = api.post(
                        VERSIONS + "transition-stage",
                        body().put("name", name)
                                .put("version", "2")
                                .put("stage", "PRODUCTION")
                                .put("archive_existing_versions", true))
                .assertOk()
                .path("model_version");
        assertThat(second.path("current_stage").asText()).isEqualTo("Production");
        assertThat(api.get(VERSIONS + "get?name=" + name + "&version=1")
                        .assertOk()
                        .path("model_version")
                        .path("current_stage")
                        .asText())
                .isEqualTo("Archived");

        delete(VERSIONS + "delete", body().put("name", name).put("version", "1"))
                .assertOk();
        assertThat(api.get(VERSIONS + "get?name=" + name + "&version=1").assertError(404, "RESOURCE_DOES_NOT_EXIST"))
                .isEqualTo("Model Version (name=" + name + ", version=1) not found");
        api.get(MODELS + "alias?name=" + name + "&alias=old").assertError(400, "INVALID_PARAMETER_VALUE");
        assertThat(createVersion(name).path("version").asText()).isEqualTo("3");
    }

    @Test
    void transitionRejectsUnknownStagesAndArchivingFromInactiveStages() {
        String name = unique("stages");
        createModel(name);
        createVersion(name);

        assertThat(api.post(
                                VERSIONS + "transition-stage",
                                body().put("name", name).put("version", "1").put("stage", "Live"))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo(
                        "Invalid Model Version stage: Live. Value must be one of None, Staging, Production, Archived.");
        assertThat(api.post(
                                VERSIONS + "transition-stage",
                                body().put("name", name)
                                        .put("version", "1")
                                        .put("stage", "Archived")
                                        .put("archive_existing_versions", true))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith(
                        "Model version transition cannot archive existing model versions because 'Archived' is not an Active stage.");
        api.post(VERSIONS + "transition-stage", body().put("name", name).put("version", "1"))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        api.post(
                        VERSIONS + "transition-stage",
                        body().put("name", name).put("version", "5").put("stage", "Staging"))
                .assertError(404, "RESOURCE_DOES_NOT_EXIST");
        assertThat(api.get(VERSIONS + "get?name=" + name + "&version=x").assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Model version must be an integer, got 'x'");
    }

    @Test
    void tagsAreSetAndDeleted() {
        String name = unique("vtags");
        createModel(name);
        createVersion(name);

        api.post(
                        VERSIONS + "set-tag",
                        body().put("name", name)
                                .put("version", "1")
                                .put("key", "k")
                                .put("value", "v"))
                .assertOk();
        assertThat(api.get(VERSIONS + "get?name=" + name + "&version=1")
                        .assertOk()
                        .path("model_version")
                        .path("tags")
                        .toString())
                .isEqualTo("[{\"key\":\"k\",\"value\":\"v\"}]");
        delete(
                        VERSIONS + "delete-tag",
                        body().put("name", name).put("version", "1").put("key", "k"))
                .assertOk();
        assertThat(api.get(VERSIONS + "get?name=" + name + "&version=1")
                        .assertOk()
                        .path("model_version")
                        .has("tags"))
                .isFalse();
        assertThat(api.post(
                                VERSIONS + "set-tag",
                                body().put("name", name)
                                        .put("version", "1")
                                        .put("key", "k")
                                        .put("value", "v".repeat(5001)))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .contains("Model version value");
        api.post(
                        VERSIONS + "set-tag",
                        body().put("name", name)
                                .put("version", "2")
                                .put("key", "k")
                                .put("value", "v"))
                .assertError(404, "RESOURCE_DOES_NOT_EXIST");
    }

    @Test
    void searchByNameVersionNumberRunIdAndTags() {
        String experimentId = api.createExperiment(unique("vsearch"));
        String run1 = api.createRun(experimentId);
        String run2 = api.createRun(experimentId);
        String name = unique("vsearch");
        createModel(name);
        createVersion(name, "runs:/" + run1 + "/m", run1).assertOk();
        createVersion(name, "runs:/" + run2 + "/m", run2).assertOk();
        createVersion(name, "runs:/" + run1 + "/m", run1).assertOk();
        api.post(
                        VERSIONS + "set-tag",
                        body().put("name", name)
                                .put("version", "3")
                                .put("key", "env")
                                .put("value", "prod"))
                .assertOk();

        assertThat(versions("name = '" + name + "'")).containsExactly("3", "2", "1");
        assertThat(versions("name = '" + name + "' AND version_number >= 2")).containsExactly("3", "2");
        assertThat(versions("name = '" + name + "' AND run_id IN ('" + run2 + "')"))
                .containsExactly("2");
        assertThat(versions("run_id = '" + run1 + "'")).containsExactly("3", "1");
        assertThat(versions("name = '" + name + "' AND tags.env = 'prod'")).containsExactly("3");
        assertThat(versions("name = '" + name + "' AND source_path = 'runs:/" + run2 + "/m'"))
                .containsExactly("2");

        JsonNode firstPage = api.get(VERSIONS + "search?filter=" + query("name = '" + name + "'") + "&max_results=2"
                        + "&order_by=" + query("version_number ASC"))
                .assertOk();
        assertThat(firstPage.path("model_versions").get(0).path("version").asText())
                .isEqualTo("1");
        assertThat(firstPage.path("next_page_token").asText()).isNotEmpty();

        assertThat(api.get(VERSIONS + "search?filter=" + query("version_number LIKE '1'"))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Invalid comparator for attribute version_number: LIKE");
        assertThat(api.get(VERSIONS + "search?filter=" + query("name IN ('a')"))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Invalid comparator for attribute: IN");
        api.get(VERSIONS + "search?filter=" + query("stage = 'x'")).assertError(400, "INVALID_PARAMETER_VALUE");
        api.get(VERSIONS + "search?max_results=200001").assertError(400, "INVALID_PARAMETER_VALUE");
        api.get(VERSIONS + "search?max_results=0").assertError(400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    void parallelClientsCreatingVersionsOfOneModelGetDistinctNumbers() throws Exception {
        String name = unique("parallel");
        createModel(name);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(
                        pool.submit(() -> createVersion(name).path("version").asText()));
            }
            List<Integer> numbers = new ArrayList<>();
            for (Future<String> result : results) {
                numbers.add(Integer.parseInt(result.get()));
            }
            assertThat(numbers).doesNotHaveDuplicates().hasSize(40).allMatch(n -> n >= 1 && n <= 40);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void createNeedsAnExistingModelAndASource() {
        String name = unique("needs");
        createVersion(name, "s3://b/m", null).assertError(404, "RESOURCE_DOES_NOT_EXIST");
        createModel(name);
        assertThat(api.post(VERSIONS + "create", body().put("name", name)).assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Missing value for required parameter 'source'.");
        // MLflow registers a runs:/ source as given; one naming no run of this store is not resolved.
        assertThat(createVersion(name, "runs:/0123456789abcdef0123456789abcdef/m", null)
                        .assertOk()
                        .path("model_version")
                        .path("source")
                        .asText())
                .isEqualTo("runs:/0123456789abcdef0123456789abcdef/m");
    }

    private static List<String> versions(String filter) {
        List<String> result = new ArrayList<>();
        api.get(VERSIONS + "search?filter=" + query(filter))
                .assertOk()
                .path("model_versions")
                .forEach(v -> result.add(v.path("version").asText()));
        return result;
    }
}

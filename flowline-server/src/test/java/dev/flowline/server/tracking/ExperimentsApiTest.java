package dev.flowline.server.tracking;

import static dev.flowline.server.tracking.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentsApiTest extends TrackingServerTest {

    @Test
    void createAnswersWithJustTheNewId() {
        JsonNode body = api.post("/api/2.0/mlflow/experiments/create", object().put("name", "exp-create"))
                .assertOk();
        assertThat(body.properties()).hasSize(1);
        assertThat(body.path("experiment_id").isTextual()).isTrue();
    }

    @Test
    void getReturnsTheExperimentInMlflowsShape() {
        String id = api.createExperiment("exp-shape");
        JsonNode experiment = api.get("/api/2.0/mlflow/experiments/get?experiment_id=" + id)
                .assertOk()
                .path("experiment");
        assertThat(experiment.path("experiment_id").asText()).isEqualTo(id);
        assertThat(experiment.path("name").asText()).isEqualTo("exp-shape");
        assertThat(experiment.path("artifact_location").asText()).isEqualTo("mlflow-artifacts:/" + id);
        assertThat(experiment.path("lifecycle_stage").asText()).isEqualTo("active");
        assertThat(experiment.path("creation_time").isIntegralNumber()).isTrue();
        assertThat(experiment.path("last_update_time").isIntegralNumber()).isTrue();
        assertThat(experiment.has("tags")).as("empty tags are omitted").isFalse();
    }

    @Test
    void everyEndpointIsServedUnderTheAjaxPrefixToo() {
        String id = api.createExperiment("exp-ajax");
        assertThat(api.get("/ajax-api/2.0/mlflow/experiments/get?experiment_id=" + id)
                        .assertOk()
                        .path("experiment")
                        .path("name")
                        .asText())
                .isEqualTo("exp-ajax");
    }

    @Test
    void createKeepsTagsAndAnExplicitArtifactLocation() {
        var request = object().put("name", "exp-tags").put("artifact_location", "s3://bucket/exp-tags");
        request.putArray("tags").add(object().put("key", "owner").put("value", "ana"));
        String id = api.post("/api/2.0/mlflow/experiments/create", request)
                .assertOk()
                .path("experiment_id")
                .asText();
        JsonNode experiment = api.get("/api/2.0/mlflow/experiments/get?experiment_id=" + id)
                .assertOk()
                .path("experiment");
        assertThat(experiment.path("artifact_location").asText()).isEqualTo("s3://bucket/exp-tags");
        assertThat(experiment.path("tags").get(0).path("key").asText()).isEqualTo("owner");
    }

    @Test
    void createRejectsADuplicateName() {
        api.createExperiment("exp-duplicate");
        String message = api.post("/api/2.0/mlflow/experiments/create", object().put("name", "exp-duplicate"))
                .assertError(400, "RESOURCE_ALREADY_EXISTS");
        assertThat(message).contains("exp-duplicate").contains("already exists");
    }

    @Test
    void createRejectsAMissingEmptyOrTooLongName() {
        assertThat(api.post("/api/2.0/mlflow/experiments/create", object()).assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo(
                        "Missing value for required parameter 'name'. See the API docs for more information about request parameters.");
        api.post("/api/2.0/mlflow/experiments/create", object().put("name", ""))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        assertThat(api.post("/api/2.0/mlflow/experiments/create", object().put("name", "x".repeat(501)))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("'name' exceeds the maximum length of 500 characters");
        api.post("/api/2.0/mlflow/experiments/create", object().put("name", "x".repeat(500)))
                .assertOk();
    }

    @Test
    void createRejectsBadTagKeysAndLongTagValues() {
        var badKey = object().put("name", "exp-bad-tag");
        badKey.putArray("tags").add(object().put("key", "../up").put("value", "v"));
        assertThat(api.post("/api/2.0/mlflow/experiments/create", badKey).assertError(400, "INVALID_PARAMETER_VALUE"))
                .contains("Invalid value \"../up\" for parameter 'key' supplied");
        var longValue = object().put("name", "exp-long-tag");
        longValue.putArray("tags").add(object().put("key", "k").put("value", "v".repeat(5001)));
        assertThat(api.post("/api/2.0/mlflow/experiments/create", longValue)
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("'value' exceeds the maximum length of 5000 characters");
        assertThat(api.get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=exp-bad-tag")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void unknownExperimentsAreResourceDoesNotExist() {
        assertThat(api.get("/api/2.0/mlflow/experiments/get?experiment_id=424242")
                        .assertError(404, "RESOURCE_DOES_NOT_EXIST"))
                .isEqualTo("No Experiment with id=424242 exists");
        assertThat(api.get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=nope")
                        .assertError(404, "RESOURCE_DOES_NOT_EXIST"))
                .isEqualTo("Could not find experiment with name 'nope'");
        api.get("/api/2.0/mlflow/experiments/get?experiment_id=not-a-number")
                .assertError(404, "RESOURCE_DOES_NOT_EXIST");
        api.get("/api/2.0/mlflow/experiments/get?experiment_id=99999999999999999999999")
                .assertError(404, "RESOURCE_DOES_NOT_EXIST");
        api.post("/api/2.0/mlflow/runs/create", object().put("experiment_id", "-1"))
                .assertError(404, "RESOURCE_DOES_NOT_EXIST");
        api.post("/api/2.0/mlflow/experiments/delete", object().put("experiment_id", "424242"))
                .assertError(404, "RESOURCE_DOES_NOT_EXIST");
        api.post(
                        "/api/2.0/mlflow/experiments/update",
                        object().put("experiment_id", "424242").put("new_name", "n"))
                .assertError(404, "RESOURCE_DOES_NOT_EXIST");
        api.get("/api/2.0/mlflow/experiments/get").assertError(400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    void getByNameFindsTheExperiment() {
        String id = api.createExperiment("exp by name");
        assertThat(api.get("/api/2.0/mlflow/experiments/get-by-name?experiment_name=exp%20by%20name")
                        .assertOk()
                        .path("experiment")
                        .path("experiment_id")
                        .asText())
                .isEqualTo(id);
    }

    @Test
    void deleteAndRestoreAnswerWithAnEmptyObject() {
        String id = api.createExperiment("exp-delete");
        assertThat(api.post("/api/2.0/mlflow/experiments/delete", object().put("experiment_id", id))
                        .assertOk())
                .isEmpty();
        assertThat(api.get("/api/2.0/mlflow/experiments/get?experiment_id=" + id)
                        .assertOk()
                        .path("experiment")
                        .path("lifecycle_stage")
                        .asText())
                .isEqualTo("deleted");
        assertThat(api.post("/api/2.0/mlflow/experiments/restore", object().put("experiment_id", id))
                        .assertOk())
                .isEmpty();
        assertThat(api.get("/api/2.0/mlflow/experiments/get?experiment_id=" + id)
                        .assertOk()
                        .path("experiment")
                        .path("lifecycle_stage")
                        .asText())
                .isEqualTo("active");
    }

    @Test
    void deletingADeletedOrRestoringAnActiveExperimentIsNotFoundAndKeepsItsRunsAsTheyWere() {
        String id = api.createExperiment("exp-delete-twice");
        String kept = api.createRun(id);
        String deletedAlone = api.createRun(id);
        api.post("/api/2.0/mlflow/runs/delete", object().put("run_id", deletedAlone))
                .assertOk();
        assertThat(api.post("/api/2.0/mlflow/experiments/restore", object().put("experiment_id", id))
                        .assertError(404, "RESOURCE_DOES_NOT_EXIST"))
                .isEqualTo("No Experiment with id=" + id + " exists");
        api.post("/api/2.0/mlflow/experiments/delete", object().put("experiment_id", id))
                .assertOk();
        assertThat(api.post("/api/2.0/mlflow/experiments/delete", object().put("experiment_id", id))
                        .assertError(404, "RESOURCE_DOES_NOT_EXIST"))
                .isEqualTo("No Experiment with id=" + id + " exists");
        api.post("/api/2.0/mlflow/experiments/restore", object().put("experiment_id", id))
                .assertOk();
        assertThat(runStage(kept)).isEqualTo("active");
        assertThat(runStage(deletedAlone)).isEqualTo("deleted");
    }

    private String runStage(String runId) {
        return api.get("/api/2.0/mlflow/runs/get?run_id=" + runId)
                .assertOk()
                .path("run")
                .path("info")
                .path("lifecycle_stage")
                .asText();
    }

    @Test
    void aDeletedExperimentCannotBeRenamedOrTagged() {
        String id = api.createExperiment("exp-deleted-rename");
        api.post("/api/2.0/mlflow/experiments/delete", object().put("experiment_id", id))
                .assertOk();
        assertThat(api.post(
                                "/api/2.0/mlflow/experiments/update",
                                object().put("experiment_id", id).put("new_name", "other"))
                        .assertError(500, "INVALID_STATE"))
                .isEqualTo("Cannot rename a non-active experiment.");
        api.post(
                        "/api/2.0/mlflow/experiments/set-experiment-tag",
                        object().put("experiment_id", id).put("key", "k").put("value", "v"))
                .assertError(400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    void updateRenamesAndRequiresANewName() {
        String id = api.createExperiment("exp-rename");
        api.post("/api/2.0/mlflow/experiments/update", object().put("experiment_id", id))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        api.post(
                        "/api/2.0/mlflow/experiments/update",
                        object().put("experiment_id", id).put("new_name", "exp-renamed"))
                .assertOk();
        assertThat(api.get("/api/2.0/mlflow/experiments/get?experiment_id=" + id)
                        .assertOk()
                        .path("experiment")
                        .path("name")
                        .asText())
                .isEqualTo("exp-renamed");
        api.createExperiment("exp-taken");
        api.post(
                        "/api/2.0/mlflow/experiments/update",
                        object().put("experiment_id", id).put("new_name", "exp-taken"))
                .assertError(400, "RESOURCE_ALREADY_EXISTS");
    }

    @Test
    void setsAndDeletesExperimentTags() {
        String id = api.createExperiment("exp-set-tag");
        api.post(
                        "/api/2.0/mlflow/experiments/set-experiment-tag",
                        object().put("experiment_id", id).put("key", "note").put("value", "first"))
                .assertOk();
        api.post(
                        "/api/2.0/mlflow/experiments/set-experiment-tag",
                        object().put("experiment_id", id).put("key", "note").put("value", "second"))
                .assertOk();
        JsonNode tags = api.get("/api/2.0/mlflow/experiments/get?experiment_id=" + id)
                .assertOk()
                .path("experiment")
                .path("tags");
        assertThat(tags).hasSize(1);
        assertThat(tags.get(0).path("value").asText()).isEqualTo("second");
        api.post(
                        "/api/2.0/mlflow/experiments/delete-experiment-tag",
                        object().put("experiment_id", id).put("key", "note"))
                .assertOk();
        assertThat(api.get("/api/2.0/mlflow/experiments/get?experiment_id=" + id)
                        .assertOk()
                        .path("experiment")
                        .has("tags"))
                .isFalse();
        api.post(
                        "/api/2.0/mlflow/experiments/set-experiment-tag",
                        object().put("experiment_id", id).put("key", "bad;key").put("value", "v"))
                .assertError(400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    void searchPagesThroughExperimentsWithGetAndPost() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(api.createExperiment("exp-page-" + i));
        }
        JsonNode first = api.get("/api/2.0/mlflow/experiments/search?max_results=2&filter=name%20LIKE%20'exp-page-%25'"
                        + "&order_by=name%20ASC")
                .assertOk();
        assertThat(first.path("experiments"))
                .extracting(e -> e.path("name").asText())
                .containsExactly("exp-page-0", "exp-page-1");
        String token = first.path("next_page_token").asText();
        assertThat(token).isNotEmpty();
        var next = object().put("max_results", 2)
                .put("filter", "name LIKE 'exp-page-%'")
                .put("page_token", token);
        next.putArray("order_by").add("name ASC");
        JsonNode second = api.post("/api/2.0/mlflow/experiments/search", next).assertOk();
        assertThat(second.path("experiments"))
                .extracting(e -> e.path("name").asText())
                .containsExactly("exp-page-2");
        assertThat(second.has("next_page_token")).isFalse();
    }

    @Test
    void searchHonoursTheViewType() {
        String id = api.createExperiment("exp-view-type");
        api.post("/api/2.0/mlflow/experiments/delete", object().put("experiment_id", id))
                .assertOk();
        String filter = "&filter=name%20%3D%20'exp-view-type'";
        assertThat(api.get("/api/2.0/mlflow/experiments/search?view_type=ACTIVE_ONLY" + filter)
                        .assertOk()
                        .has("experiments"))
                .isFalse();
        assertThat(api.get("/api/2.0/mlflow/experiments/search?view_type=DELETED_ONLY" + filter)
                        .assertOk()
                        .path("experiments"))
                .hasSize(1);
        assertThat(api.post(
                                "/api/2.0/mlflow/experiments/search",
                                object().put("view_type", 3).put("filter", "name = 'exp-view-type'"))
                        .assertOk()
                        .path("experiments"))
                .hasSize(1);
        api.get("/api/2.0/mlflow/experiments/search?view_type=SOME").assertError(400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    void searchRejectsBadMaxResultsAndFilters() {
        assertThat(api.get("/api/2.0/mlflow/experiments/search?max_results=50001")
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Invalid value for max_results. It must be at most 50000, but got 50001");
        api.get("/api/2.0/mlflow/experiments/search?max_results=0").assertError(400, "INVALID_PARAMETER_VALUE");
        api.get("/api/2.0/mlflow/experiments/search?max_results=ten").assertError(400, "INVALID_PARAMETER_VALUE");
        api.get("/api/2.0/mlflow/experiments/search?filter=name%20%3D%3D%3D%20x")
                .assertError(400, "INVALID_PARAMETER_VALUE");
        api.get("/api/2.0/mlflow/experiments/search?page_token=not-a-token")
                .assertError(400, "INVALID_PARAMETER_VALUE");
    }
}

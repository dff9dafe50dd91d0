package dev.flowline.server.tracking;

import static dev.flowline.server.tracking.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowline.server.FlowlineServer;
import dev.flowline.server.ServerConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /ajax-api/2.0/mlflow/runs/create-promptlab-run} over HTTP, with the proxy's files on disk. */
class PromptLabApiTest {
    private static final String CREATE = "/ajax-api/2.0/mlflow/runs/create-promptlab-run";

    @TempDir
    static Path directory;

    private static FlowlineServer server;
    private static ApiClient api;
    private static String experimentId;

    @BeforeAll
    static void startServer() {
        URI backend = URI.create("sqlite:///" + directory.resolve("mlflow.db").toAbsolutePath());
        server = FlowlineServer.start(ServerConfig.embeddedDefault()
                .withPort(0)
                .withBackendStoreUri(backend)
                .withArtifacts(null, true, directory.resolve("mlartifacts").toString(), false));
        api = new ApiClient(server.port());
        experimentId = api.createExperiment("prompts");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** The request of MLflow's own test of this endpoint. */
    private static ObjectNode mlflowsRequest() {
        ObjectNode request = object().put("experiment_id", experimentId)
                .put("run_name", "my_run_name")
                .put("prompt_template", "my_prompt_template")
                .put("model_route", "my_route")
                .put("model_input", "my_input")
                .put("model_output", "my_output")
                .put("mlflow_version", "1.0.0")
                .put("user_id", "username")
                .put("start_time", 456);
        request.putArray("prompt_parameters").add(object().put("key", "my_key").put("value", "my_value"));
        request.putArray("model_parameters")
                .add(object().put("key", "temperature").put("value", "0.1"));
        request.putArray("model_output_parameters")
                .add(object().put("key", "latency").put("value", "100"));
        return request;
    }

    private static Map<String, String> keyValues(JsonNode list) {
        Map<String, String> values = new HashMap<>();
        list.forEach(
                item -> values.put(item.path("key").asText(), item.path("value").asText()));
        return values;
    }

    private static Path artifactsOf(JsonNode run) {
        String uri = run.path("info").path("artifact_uri").asText();
        assertThat(uri).startsWith("mlflow-artifacts:/");
        return directory.resolve("mlartifacts").resolve(uri.substring("mlflow-artifacts:/".length()));
    }

    @Test
    void createsAFinishedRunWithMlflowsParamsAndTags() {
        JsonNode run = api.post(CREATE, mlflowsRequest()).assertOk().path("run");

        JsonNode info = run.path("info");
        assertThat(info.path("run_name").asText()).isEqualTo("my_run_name");
        assertThat(info.path("experiment_id").asText()).isEqualTo(experimentId);
        assertThat(info.path("user_id").asText()).isEqualTo("username");
        assertThat(info.path("status").asText()).isEqualTo("FINISHED");
        assertThat(info.path("start_time").asLong()).isEqualTo(456);
        assertThat(info.path("end_time").asLong()).isGreaterThan(456);
        assertThat(keyValues(run.path("data").path("params")))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "model_route", "my_route", "prompt_template", "my_prompt_template", "temperature", "0.1"));
        Map<String, String> tags = keyValues(run.path("data").path("tags"));
        assertThat(tags)
                .containsEntry(
                        "mlflow.loggedArtifacts", "[{\"path\": \"eval_results_table.json\", \"type\": \"table\"}]")
                .containsEntry("mlflow.runSourceType", "PROMPT_ENGINEERING")
                .containsEntry("mlflow.runName", "my_run_name");
        JsonNode history = api.getRun(info.path("run_id").asText()).path("data").path("tags");
        assertThat(keyValues(history).get("mlflow.log-model.history"))
                .contains("\"artifact_path\":\"model\"")
                .contains("\"run_id\":\"" + info.path("run_id").asText() + "\"")
                .contains("\"mlflow_version\":\"1.0.0\"");
        assertThat(api.getRun(info.path("run_id").asText())).isEqualTo(run);
    }

    @Test
    void writesTheEvaluationTableAndThePromptLabModelAmongTheRunsArtifacts() throws Exception {
        JsonNode run = api.post(CREATE, mlflowsRequest()).assertOk().path("run");
        String runId = run.path("info").path("run_id").asText();
        Path artifacts = artifactsOf(run);

        assertThat(Files.readString(artifacts.resolve("eval_results_table.json")))
                .isEqualTo("{\"columns\": [\"my_key\", \"prompt\", \"output\", \"latency\"],"
                        + " \"data\": [[\"my_value\", \"my_input\", \"my_output\", \"100\"]]}");
        assertThat(Files.readString(artifacts.resolve("model/parameters.yaml"))).isEqualTo("""
                        model_parameters:
                          temperature: "0.1"
                        model_route: "my_route"
                        prompt_parameters:
                          my_key: "my_value"
                        prompt_template: "my_prompt_template"
                        """);
        String mlmodel = Files.readString(artifacts.resolve("model/MLmodel"));
        assertThat(mlmodel)
                .startsWith(
                        "artifact_path: \"model\"\nflavors:\n  python_function:\n    env:\n      conda: \"conda.yaml\"\n"
                                + "    loader_module: \"mlflow.prompt.promptlab_model\"\n"
                                + "    parameters_path: \"parameters.yaml\"\nmlflow_version: \"1.0.0\"\n")
                .contains("run_id: \"" + runId + "\"\n")
                .contains(
                        "  inputs: \"[{\\\"type\\\": \\\"string\\\", \\\"name\\\": \\\"my_key\\\", \\\"required\\\": true}]\"\n")
                .containsPattern("utc_time_created: \"\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}\"\n$");
        assertThat(Files.readString(artifacts.resolve("model/input_example.json")))
                .isEqualTo("{\"columns\": [\"inputs\"], \"data\": [[\"my_value\"]]}");
        assertThat(Files.readString(artifacts.resolve("model/requirements.txt")))
                .isEqualTo("mlflow[gateway]==1.0.0");
        assertThat(Files.readString(artifacts.resolve("model/conda.yaml"))).isEqualTo("""
                        channels:
                        - "conda-forge"
                        dependencies:
                        - "pip"
                        - pip:
                          - "mlflow[gateway]==1.0.0"
                        name: "mlflow-env"
                        """);
        JsonNode listing = api.get("/api/2.0/mlflow/artifacts/list?run_id=" + runId + "&path=model")
                .assertOk()
                .path("files");
        assertThat(listing.findValuesAsText("path"))
                .containsExactlyInAnyOrder(
                        "model/MLmodel",
                        "model/conda.yaml",
                        "model/input_example.json",
                        "model/parameters.yaml",
                        "model/requirements.txt");
    }

    @Test
    void theFilesGoWhereverTheRunsArtifactUriPoints() throws Exception {
        Path location = Files.createDirectories(directory.resolve("direct"));
        String direct = api.post(
                        "/api/2.0/mlflow/experiments/create",
                        object().put("name", "direct prompts")
                                .put("artifact_location", location.toUri().toString()))
                .assertOk()
                .path("experiment_id")
                .asText();

        JsonNode run = api.post(CREATE, mlflowsRequest().put("experiment_id", direct))
                .assertOk()
                .path("run");

        Path runArtifacts =
                location.resolve(run.path("info").path("run_id").asText()).resolve("artifacts");
        assertThat(runArtifacts.resolve("eval_results_table.json")).exists();
        assertThat(runArtifacts.resolve("model/MLmodel")).exists();
    }

    @Test
    void numbersAndOtherValuesAreLoggedAsPythonsStrShowsThem() {
        ObjectNode request = mlflowsRequest();
        ArrayNode modelParameters = request.putArray("model_parameters");
        modelParameters.add(object().put("key", "temperature").put("value", 0.7));
        modelParameters.add(object().put("key", "max_tokens").put("value", 256));
        modelParameters.add(object().put("key", "stop")
                .set("value", ApiClient.JSON.createArrayNode().add("\n")));
        modelParameters.add(object().put("key", "top_p"));

        JsonNode run = api.post(CREATE, request).assertOk().path("run");

        assertThat(keyValues(run.path("data").path("params")))
                .containsEntry("temperature", "0.7")
                .containsEntry("max_tokens", "256")
                .containsEntry("stop", "['\\n']")
                .containsEntry("top_p", "None");
    }

    @Test
    void aRunWithoutNameOrUserGetsAGeneratedNameAndUnknownUser() {
        ObjectNode request = mlflowsRequest();
        request.remove(List.of("run_name", "user_id", "start_time"));

        JsonNode info = api.post(CREATE, request).assertOk().path("run").path("info");

        assertThat(info.path("run_name").asText()).matches("[a-z]+-[a-z]+-\\d+");
        assertThat(info.path("user_id").asText()).isEqualTo("unknown");
        assertThat(info.path("start_time").asLong()).isGreaterThan(1_000_000_000_000L);
    }

    @Test
    void requestTagsAreSetOnTheRun() {
        ObjectNode request = mlflowsRequest();
        request.putArray("tags").add(object().put("key", "team").put("value", "search"));

        JsonNode run = api.post(CREATE, request).assertOk().path("run");

        assertThat(keyValues(run.path("data").path("tags"))).containsEntry("team", "search");
    }

    @Test
    void eachRequiredFieldIsAskedForInMlflowsOrder() {
        ObjectNode request = object();
        List<String> order = List.of(
                "experiment_id",
                "prompt_template",
                "prompt_parameters",
                "model_route",
                "model_input",
                "mlflow_version");
        ObjectNode full = mlflowsRequest();
        for (String field : order) {
            assertThat(api.post(CREATE, request).assertError(400, "INVALID_PARAMETER_VALUE"))
                    .isEqualTo("CreatePromptlabRun request must specify " + field + ".");
            request.set(field, full.get(field));
        }
        assertThat(api.post(CREATE, request)
                        .assertOk()
                        .path("run")
                        .path("info")
                        .path("status")
                        .asText())
                .isEqualTo("FINISHED");
    }

    @Test
    void anEmptyValueCountsAsMissingAsInMlflow() {
        ObjectNode emptyTemplate = mlflowsRequest().put("prompt_template", "");
        ObjectNode noParameters = mlflowsRequest();
        noParameters.putArray("prompt_parameters");

        assertThat(api.post(CREATE, emptyTemplate).assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("CreatePromptlabRun request must specify prompt_template.");
        assertThat(api.post(CREATE, noParameters).assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("CreatePromptlabRun request must specify prompt_parameters.");
    }

    @Test
    void anExperimentThatDoesNotExistIsNotFoundAndNoRunIsMade() {
        String before = api.post(
                        "/api/2.0/mlflow/runs/search",
                        object().set(
                                        "experiment_ids",
                                        ApiClient.JSON.createArrayNode().add(experimentId)))
                .assertOk()
                .toString();

        api.post(CREATE, mlflowsRequest().put("experiment_id", "424242")).assertError(404, "RESOURCE_DOES_NOT_EXIST");

        assertThat(api.post(
                                "/api/2.0/mlflow/runs/search",
                                object().set(
                                                "experiment_ids",
                                                ApiClient.JSON.createArrayNode().add(experimentId)))
                        .assertOk()
                        .toString())
                .isEqualTo(before);
    }

    @Test
    void aParamTheRunCannotTakeLeavesItFailedWithoutArtifactsAsInMlflow() {
        ObjectNode request = mlflowsRequest();
        request.putArray("model_parameters")
                .add(object().put("key", "../escape").put("value", "1"));

        JsonNode run = api.post(CREATE, request).assertOk().path("run");

        assertThat(run.path("info").path("status").asText()).isEqualTo("FAILED");
        assertThat(run.path("info").path("end_time").asLong()).isPositive();
        assertThat(keyValues(run.path("data").path("params"))).doesNotContainKey("../escape");
        assertThat(artifactsOf(run)).doesNotExist();
    }

    @Test
    void malformedFieldsAreRefusedBeforeAnyRunIsMade() {
        ObjectNode keyless = mlflowsRequest();
        keyless.putArray("prompt_parameters").add(object().put("value", "v"));

        assertThat(api.post(CREATE, keyless).assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Invalid value [{\"value\":\"v\"}] for parameter 'prompt_parameters' supplied.");
        assertThat(api.post(CREATE, mlflowsRequest().put("start_time", "soon"))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Invalid value \"soon\" for parameter 'start_time' supplied.");
        assertThat(api.send("POST", CREATE, "{", "application/json").assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Malformed request: the body is not valid JSON");
        assertThat(api.send("POST", CREATE, mlflowsRequest().toString(), "text/plain")
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Bad Request. Content-Type must be one of ['application/json'].");
    }

    @Test
    void theEndpointIsServedUnderTheAjaxPrefixOnlyAsInMlflow() {
        api.post("/api/2.0/mlflow/runs/create-promptlab-run", mlflowsRequest()).assertError(404, "ENDPOINT_NOT_FOUND");
    }
}

package dev.flowline.server.graphql;

import static dev.flowline.server.tracking.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowline.server.tracking.ApiClient.Reply;
import dev.flowline.server.tracking.TrackingServerTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /graphql} over HTTP against a real server: MLflow's own GraphQL server tests and one test per field. */
class GraphqlApiTest extends TrackingServerTest {
    private static GraphqlClient graphql;

    @BeforeAll
    static void client() {
        graphql = new GraphqlClient(api, "/graphql");
    }

    @Test
    void echoesTheTestFieldForANamedOperation() {
        ObjectNode body = object().put("query", "query testQuery {test(inputString: \"abc\") { output }}")
                .put("operationName", "testQuery");

        JsonNode answer = api.post("/graphql", body).assertOk();

        assertThat(answer.path("data").path("test").path("output").asText()).isEqualTo("abc");
        assertThat(answer.has("errors")).isTrue();
        assertThat(answer.path("errors").isNull()).isTrue();
        assertThat(graphql.post("mutation { testMutation(inputString: \"x\") { output } }")
                        .assertOk()
                        .path("data")
                        .path("testMutation")
                        .path("output")
                        .asText())
                .isEqualTo("x");
    }

    @Test
    void refusesMoreThanTenRootFields() {
        String fields = IntStream.range(0, 12)
                .mapToObj(i -> "key_" + i + ": test(inputString: \"abc\") { output }")
                .collect(Collectors.joining("\n"));

        JsonNode answer = graphql.post("query testQuery {" + fields + "}").assertOk();

        assertThat(answer.path("data").isNull()).isTrue();
        assertThat(answer.path("errors").get(0).asText())
                .isEqualTo("GraphQL queries should have at most 10 root fields, got 12 root fields. To increase the "
                        + "limit, set the MLFLOW_SERVER_GRAPHQL_MAX_ROOT_FIELDS environment variable.");
    }

    @Test
    void refusesMoreThanTenAliasesInASelectionSet() {
        String aliases = IntStream.range(0, 12)
                .mapToObj(i -> "experiment_" + i + ": experiment { name }")
                .collect(Collectors.joining("\n"));

        JsonNode answer = underAnExperiment(aliases);

        assertThat(answer.path("errors").get(0).asText()).contains("queries should have at most 10 aliases");
        assertThat(answer.path("data").isNull()).isTrue();
    }

    @Test
    void refusesNestingDeeperThanTen() {
        String nested = "name { ".repeat(12) + "name" + " }".repeat(12);

        JsonNode answer = underAnExperiment("experiment { " + nested + " }");

        assertThat(answer.path("errors").get(0).asText()).isEqualTo("Query exceeds maximum depth of 10");
    }

    @Test
    void refusesMoreThanAThousandSelections() {
        String fields = IntStream.range(0, 1002)
                .mapToObj(i -> "field_" + i + " { name }")
                .collect(Collectors.joining(" "));

        JsonNode answer = underAnExperiment("experiment { " + fields + " }");

        assertThat(answer.path("errors").get(0).asText()).isEqualTo("Query exceeds maximum total selections of 1000");
    }

    @Test
    void getsAnExperimentWithItsTimesAsStrings() {
        String id = api.createExperiment("graphql-experiment");
        JsonNode rest = api.get("/api/2.0/mlflow/experiments/get?experiment_id=" + id)
                .assertOk()
                .path("experiment");

        JsonNode answer = graphql.post("query { mlflowGetExperiment(input: {experimentId: \"" + id + "\"}) { "
                        + "experiment { name experimentId lifecycleStage creationTime lastUpdateTime tags { key } } "
                        + "apiError { code } } }")
                .assertOk();

        JsonNode response = answer.path("data").path("mlflowGetExperiment");
        JsonNode experiment = response.path("experiment");
        assertThat(answer.path("errors").isNull()).isTrue();
        assertThat(experiment.path("name").asText()).isEqualTo("graphql-experiment");
        assertThat(experiment.path("experimentId").asText()).isEqualTo(id);
        assertThat(experiment.path("lifecycleStage").asText()).isEqualTo("active");
        assertThat(experiment.path("creationTime").isTextual()).isTrue();
        assertThat(experiment.path("creationTime").asText())
                .isEqualTo(rest.path("creation_time").asText());
        assertThat(experiment.path("lastUpdateTime").asText())
                .isEqualTo(rest.path("last_update_time").asText());
        assertThat(experiment.path("tags").isArray())
                .as("an unset list is empty, as in MLflow's messages")
                .isTrue();
        assertThat(response.path("apiError").isNull()).isTrue();
    }

    @Test
    void anUnknownExperimentIsAFieldErrorWithTheRestMessage() {
        String restMessage = api.get("/api/2.0/mlflow/experiments/get?experiment_id=987654")
                .assertError(404, "RESOURCE_DOES_NOT_EXIST");

        JsonNode answer = graphql.post(
                        "query { mlflowGetExperiment(input: {experimentId: \"987654\"}) { " + "experiment { name } } }")
                .assertOk();

        assertThat(answer.path("data").has("mlflowGetExperiment")).isTrue();
        assertThat(answer.path("data").path("mlflowGetExperiment").isNull()).isTrue();
        assertThat(answer.path("errors")).hasSize(1);
        assertThat(answer.path("errors").get(0).asText()).isEqualTo(restMessage);
    }

    @Test
    void getsARunWithItsExperimentAndModelVersions() {
        api.post("/api/2.0/mlflow/registered-models/create", object().put("name", "GraphqlTest"))
                .assertOk();
        String experimentId = api.createExperiment("GraphqlTest");
        String runId = api.createRun(experimentId);
        api.post(
                        "/api/2.0/mlflow/model-versions/create",
                        object().put("name", "GraphqlTest")
                                .put("source", "runs:/" + runId + "/model")
                                .put("run_id", runId))
                .assertOk();

        JsonNode answer = graphql.post("query testQuery @component(name: \"Test\") { mlflowGetRun(input: {runId: \""
                        + runId + "\"}) { run { info { status } experiment { name } modelVersions { name } } } }")
                .assertOk();

        assertThat(answer.path("errors").isNull()).as("errors of %s", answer).isTrue();
        JsonNode run = answer.path("data").path("mlflowGetRun").path("run");
        assertThat(run.path("info").path("status").asText()).isEqualTo("RUNNING");
        assertThat(run.path("experiment").path("name").asText()).isEqualTo("GraphqlTest");
        assertThat(run.path("modelVersions").get(0).path("name").asText()).isEqualTo("GraphqlTest");
    }

    @Test
    void anUnknownRunGivesTheRestMessage() {
        String restMessage = api.get("/api/2.0/mlflow/runs/get?run_id=0123456789abcdef0123456789abcdef")
                .assertError(404, "RESOURCE_DOES_NOT_EXIST");

        JsonNode answer = graphql.post("{ mlflowGetRun(input: {runId: \"0123456789abcdef0123456789abcdef\"}) { "
                        + "run { info { runId } } } }")
                .assertOk();

        assertThat(answer.path("data").path("mlflowGetRun").isNull()).isTrue();
        assertThat(answer.path("errors").get(0).asText()).isEqualTo(restMessage);
    }

    @Test
    void aMissingRunIdFailsAsTheRestEndpointDoes() {
        String restMessage = api.get("/api/2.0/mlflow/runs/get").assertError(400, "INVALID_PARAMETER_VALUE");

        JsonNode answer = graphql.post("{ mlflowGetRun(input: {}) { run { info { runId } } } }")
                .assertOk();

        assertThat(answer.path("errors").get(0).asText()).isEqualTo(restMessage);
    }

    @Test
    void searchRunsIsAMutationWithTheRestPaging() {
        String experimentId = api.createExperiment("graphql-search-runs");
        String first = api.createRun(experimentId);
        String second = api.createRun(experimentId);
        api.post(
                        "/api/2.0/mlflow/runs/log-parameter",
                        object().put("run_id", first).put("key", "lr").put("value", "0.1"))
                .assertOk();

        JsonNode page = graphql.post("mutation { mlflowSearchRuns(input: {experimentIds: [\"" + experimentId
                        + "\"], maxResults: 1, runViewType: ACTIVE_ONLY, orderBy: [\"attributes.start_time\"]}) { "
                        + "runs { info { runId } data { params { key value } } } nextPageToken } }")
                .assertOk()
                .path("data")
                .path("mlflowSearchRuns");
        JsonNode all = graphql.post("mutation { mlflowSearchRuns(input: {experimentIds: [\"" + experimentId
                        + "\"], filter: \"params.lr = '0.1'\"}) { runs { info { runId } } nextPageToken } }")
                .assertOk()
                .path("data")
                .path("mlflowSearchRuns");

        assertThat(page.path("runs")).hasSize(1);
        assertThat(page.path("nextPageToken").asText()).isNotEmpty();
        assertThat(all.path("runs")).hasSize(1);
        assertThat(all.path("runs").get(0).path("info").path("runId").asText()).isEqualTo(first);
        assertThat(all.path("nextPageToken").asText())
                .as("no next page: the unset token")
                .isEmpty();
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void searchRunsValidatesAsTheRestEndpoint() {
        String restMessage = api.post("/api/2.0/mlflow/runs/search", object().put("max_results", 50001))
                .assertError(400, "INVALID_PARAMETER_VALUE");

        JsonNode answer = graphql.post(
                        "mutation { mlflowSearchRuns(input: {maxResults: 50001}) { runs { info { " + "runId } } } }")
                .assertOk();

        assertThat(answer.path("data").path("mlflowSearchRuns").isNull()).isTrue();
        assertThat(answer.path("errors").get(0).asText()).isEqualTo(restMessage);
    }

    @Test
    void searchesModelVersionsWithALongStringMaxResults() {
        api.post("/api/2.0/mlflow/registered-models/create", object().put("name", "graphql-versions"))
                .assertOk();
        for (int i = 0; i < 2; i++) {
            api.post(
                            "/api/2.0/mlflow/model-versions/create",
                            object().put("name", "graphql-versions").put("source", "s3://bucket/graphql"))
                    .assertOk();
        }
        String query = "query($max: LongString) { mlflowSearchModelVersions(input: {filter: "
                + "\"name = 'graphql-versions'\", maxResults: $max, orderBy: [\"version_number DESC\"]}) { "
                + "modelVersions { name version status currentStage creationTimestamp aliases } nextPageToken } }";

        JsonNode fromString = graphql.post(query, object().put("max", "1")).assertOk();
        JsonNode fromInt = graphql.post(query.replace("($max: LongString)", "").replace("$max", "1"))
                .assertOk();

        JsonNode versions =
                fromString.path("data").path("mlflowSearchModelVersions").path("modelVersions");
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).path("version").asText()).isEqualTo("2");
        assertThat(versions.get(0).path("status").asText()).isEqualTo("READY");
        assertThat(versions.get(0).path("currentStage").asText()).isEqualTo("None");
        assertThat(versions.get(0).path("creationTimestamp").isTextual()).isTrue();
        assertThat(fromInt.path("data")).isEqualTo(fromString.path("data"));
    }

    @Test
    void getsMetricHistoryBulkIntervalWithStepsAsStrings() {
        String runId = api.createRun(api.createExperiment("graphql-metrics"));
        for (int step = 0; step < 3; step++) {
            api.post(
                            "/api/2.0/mlflow/runs/log-metric",
                            object().put("run_id", runId)
                                    .put("key", "loss")
                                    .put("value", 1.5 - step)
                                    .put("timestamp", 1000 + step)
                                    .put("step", step))
                    .assertOk();
        }

        JsonNode metrics = graphql.post("{ mlflowGetMetricHistoryBulkInterval(input: {runIds: [\"" + runId
                        + "\"], metricKey: \"loss\", startStep: 1, endStep: 2}) { metrics { key value step timestamp "
                        + "runId } } }")
                .assertOk()
                .path("data")
                .path("mlflowGetMetricHistoryBulkInterval")
                .path("metrics");

        assertThat(metrics).hasSize(2);
        assertThat(metrics.get(0).path("step").asText()).isEqualTo("1");
        assertThat(metrics.get(0).path("step").isTextual()).isTrue();
        assertThat(metrics.get(0).path("timestamp").asText()).isEqualTo("1001");
        assertThat(metrics.get(0).path("value").asDouble()).isEqualTo(0.5);
        assertThat(metrics.get(1).path("runId").asText()).isEqualTo(runId);
    }

    @Test
    void listsARunsArtifacts(@TempDir Path location) throws Exception {
        String experimentId = api.post(
                        "/api/2.0/mlflow/experiments/create",
                        object().put("name", "graphql-artifacts")
                                .put("artifact_location", location.toUri().toString()))
                .assertOk()
                .path("experiment_id")
                .asText();
        String runId = api.createRun(experimentId);
        Path artifacts = Files.createDirectories(location.resolve(runId).resolve("artifacts"));
        Files.writeString(artifacts.resolve("model.txt"), "12345");
        Files.createDirectories(artifacts.resolve("plots"));

        JsonNode listing = graphql.post("{ mlflowListArtifacts(input: {runId: \"" + runId + "\"}) { rootUri "
                        + "files { path isDir fileSize } } }")
                .assertOk()
                .path("data")
                .path("mlflowListArtifacts");

        assertThat(listing.path("rootUri").asText()).endsWith(runId + "/artifacts");
        assertThat(listing.path("files")).hasSize(2);
        assertThat(listing.path("files").get(0).path("path").asText()).isEqualTo("model.txt");
        assertThat(listing.path("files").get(0).path("isDir").asBoolean()).isFalse();
        assertThat(listing.path("files").get(0).path("fileSize").asText()).isEqualTo("5");
        assertThat(listing.path("files").get(1).path("isDir").asBoolean()).isTrue();
    }

    @Test
    void searchesDatasets() {
        String experimentId = api.createExperiment("graphql-datasets");
        String runId = api.createRun(experimentId);
        ObjectNode input = object();
        input.putArray("tags").add(object().put("key", "mlflow.data.context").put("value", "training"));
        input.set(
                "dataset",
                object().put("name", "iris")
                        .put("digest", "abc123")
                        .put("source_type", "local")
                        .put("source", "{}"));
        ObjectNode logInputs = object().put("run_id", runId);
        logInputs.putArray("datasets").add(input);
        api.post("/api/2.0/mlflow/runs/log-inputs", logInputs).assertOk();

        JsonNode summaries = graphql.post("mutation { mlflowSearchDatasets(input: {experimentIds: [\"" + experimentId
                        + "\"]}) { datasetSummaries { experimentId name digest context } } }")
                .assertOk()
                .path("data")
                .path("mlflowSearchDatasets")
                .path("datasetSummaries");

        assertThat(summaries).hasSize(1);
        assertThat(summaries.get(0).path("experimentId").asText()).isEqualTo(experimentId);
        assertThat(summaries.get(0).path("name").asText()).isEqualTo("iris");
        assertThat(summaries.get(0).path("digest").asText()).isEqualTo("abc123");
        assertThat(summaries.get(0).path("context").asText()).isEqualTo("training");
    }

    @Test
    void takesVariablesAndAGetQueryString() {
        String id = api.createExperiment("graphql-get");
        String query = "query($id: String) { mlflowGetExperiment(input: {experimentId: $id}) { experiment { name } } }";
        String variables = "{\"id\": \"" + id + "\"}";

        JsonNode answer = api.get("/graphql?query=" + encode(query) + "&variables=" + encode(variables))
                .assertOk();

        assertThat(answer.path("data")
                        .path("mlflowGetExperiment")
                        .path("experiment")
                        .path("name")
                        .asText())
                .isEqualTo("graphql-get");
        assertThat(graphql.post(query, object().put("id", id))
                        .assertOk()
                        .path("data")
                        .path("mlflowGetExperiment")
                        .path("experiment")
                        .path("name")
                        .asText())
                .isEqualTo("graphql-get");
    }

    @Test
    void aBodyThatIsNotJsonOrHasNoQueryIsABadRequest() {
        assertThat(api.send("POST", "/graphql", "{not json", "application/json")
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Malformed request: the body is not valid JSON");
        assertThat(api.post("/graphql", object().put("operationName", "x")).assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Missing value for required parameter 'query'. See the API docs for more information "
                        + "about request parameters.");
        api.post("/graphql", object().put("query", "{ test { output } }").put("variables", "[1"))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        api.send("POST", "/graphql", "{\"query\": \"{ test { output } }\"}", "text/plain")
                .assertError(400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    void aQueryThatDoesNotParseIsAnsweredWithTheParsersMessage() {
        Reply reply = graphql.post("query { test(inputString: \"abc\") { output }");

        JsonNode answer = reply.assertOk();
        assertThat(answer.path("data").isNull()).isTrue();
        assertThat(answer.path("errors")).hasSize(1);
        assertThat(answer.path("errors").get(0).asText()).contains("Invalid syntax");
    }

    @Test
    void anUnknownFieldIsAValidationError() {
        JsonNode answer = graphql.post("{ mlflowNoSuchField { x } }").assertOk();

        assertThat(answer.path("data").isNull()).isTrue();
        assertThat(answer.path("errors").get(0).asText()).contains("mlflowNoSuchField");
    }

    /** MLflow's safety-test query: {@code selection} inside {@code mlflowGetExperiment} of experiment 123. */
    private static JsonNode underAnExperiment(String selection) {
        return graphql.post(
                        "query testQuery { mlflowGetExperiment(input: {experimentId: \"123\"}) { " + selection + " } }")
                .assertOk();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

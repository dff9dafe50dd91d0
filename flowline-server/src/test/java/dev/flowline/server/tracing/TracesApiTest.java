package dev.flowline.server.tracing;

import static dev.flowline.server.tracking.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowline.server.tracking.ApiClient;
import dev.flowline.server.tracking.ApiClient.Reply;
import dev.flowline.server.tracking.TrackingServerTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every trace endpoint over real HTTP, with MLflow's answers and errors; MLflow's own REST tests retold. */
class TracesApiTest extends TrackingServerTest {
    private static final String TRACES = "/api/2.0/mlflow/traces";

    static ArrayNode entries(String... keysAndValues) {
        ArrayNode list = ApiClient.JSON.createArrayNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            list.add(object().put("key", keysAndValues[i]).put("value", keysAndValues[i + 1]));
        }
        return list;
    }

    static Map<String, String> map(JsonNode entries) {
        Map<String, String> result = new HashMap<>();
        entries.forEach(e -> result.put(e.path("key").asText(), e.path("value").asText()));
        return result;
    }

    static JsonNode start(String experimentId, long timestamp, ArrayNode metadata, ArrayNode tags) {
        ObjectNode body = object().put("experiment_id", experimentId).put("timestamp_ms", timestamp);
        body.set("request_metadata", metadata);
        body.set("tags", tags);
        return api.post(TRACES, body).assertOk().path("trace_info");
    }

    static String start(String experimentId, long timestamp) {
        return start(experimentId, timestamp, entries(), entries())
                .path("request_id")
                .asText();
    }

    static JsonNode end(String requestId, long timestamp, String status) {
        return api.send(
                        "PATCH",
                        TRACES + "/" + requestId,
                        object().put("timestamp_ms", timestamp)
                                .put("status", status)
                                .toString(),
                        "application/json")
                .assertOk()
                .path("trace_info");
    }

    static Reply patch(String path, ObjectNode body) {
        return api.send("PATCH", path, body.toString(), "application/json");
    }

    static List<String> requestIds(JsonNode answer) {
        List<String> ids = new ArrayList<>();
        answer.path("traces").forEach(t -> ids.add(t.path("request_id").asText()));
        return ids;
    }

    @Test
    void startAnswersWithTheTraceInMlflowsShape() {
        String experimentId = api.createExperiment("start-trace");

        JsonNode info =
                start(experimentId, 1000, entries("meta1", "apple", "meta2", "grape"), entries("tag1", "football"));

        String requestId = info.path("request_id").asText();
        assertThat(requestId).matches("tr-[0-9a-f]{32}");
        assertThat(info.path("experiment_id").asText()).isEqualTo(experimentId);
        assertThat(info.path("timestamp_ms").isIntegralNumber()).isTrue();
        assertThat(info.path("timestamp_ms").asLong()).isEqualTo(1000);
        assertThat(info.path("execution_time_ms").asLong()).isZero();
        assertThat(info.path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(map(info.path("request_metadata"))).isEqualTo(Map.of("meta1", "apple", "meta2", "grape"));
        assertThat(map(info.path("tags")))
                .isEqualTo(Map.of(
                        "tag1",
                        "football",
                        "mlflow.artifactLocation",
                        "mlflow-artifacts:/" + experimentId + "/traces/" + requestId + "/artifacts"));
    }

    @Test
    void startWithoutAnExperimentUsesTheDefaultOne() {
        JsonNode info =
                api.post(TRACES, object().put("timestamp_ms", 5)).assertOk().path("trace_info");

        assertThat(info.path("experiment_id").asText()).isEqualTo("0");
    }

    @Test
    void startRefusesUnknownAndDeletedExperimentsAndEntriesWithoutAKey() {
        assertThat(api.post(TRACES, object().put("experiment_id", "987654"))
                        .assertError(404, "RESOURCE_DOES_NOT_EXIST"))
                .isEqualTo("No Experiment with id=987654 exists");
        String deleted = api.createExperiment("start-trace-deleted");
        api.post("/api/2.0/mlflow/experiments/delete", object().put("experiment_id", deleted))
                .assertOk();
        assertThat(api.post(TRACES, object().put("experiment_id", deleted)).assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("The experiment " + deleted + " must be in the 'active' state. Current state is deleted.");
        String experimentId = api.createExperiment("start-trace-entries");
        ObjectNode noValue = object().put("experiment_id", experimentId);
        noValue.putArray("tags").add(object().put("key", "k"));
        assertThat(map(api.post(TRACES, noValue).assertOk().path("trace_info").path("tags")))
                .containsEntry("k", "");
        ObjectNode noKey = object().put("experiment_id", experimentId);
        noKey.putArray("request_metadata").add(object().put("value", "v"));
        assertThat(api.post(TRACES, noKey).assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Invalid value [{\"value\":\"v\"}] for parameter 'request_metadata' supplied.");
        assertThat(api.post(TRACES, object().put("experiment_id", experimentId).put("timestamp_ms", "soon"))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Invalid value \"soon\" for parameter 'timestamp_ms' supplied.");
    }

    @Test
    void longKeysAndValuesAreCutAsMlflowsClientsAndAnswersCutThem() {
        String experimentId = api.createExperiment("trace-limits");
        String longKey = "k".repeat(300);

        JsonNode info = start(experimentId, 1, entries("meta", "m".repeat(1000)), entries(longKey, "v".repeat(9000)));

        assertThat(map(info.path("request_metadata"))).isEqualTo(Map.of("meta", "m".repeat(250)));
        assertThat(map(info.path("tags"))).containsEntry("k".repeat(250), "v".repeat(8000));
        // The stored metadata value is longer than what answers show: a search for the full value finds the trace.
        String filter = "request_metadata.meta = '" + "m".repeat(1000) + "'";
        JsonNode found = api.get(TRACES + "?experiment_ids=" + experimentId + "&filter="
                        + java.net.URLEncoder.encode(filter, java.nio.charset.StandardCharsets.UTF_8))
                .assertOk();
        assertThat(requestIds(found)).containsExactly(info.path("request_id").asText());
    }

    @Test
    void endSetsStatusAndExecutionTimeAndMergesMetadataAndTagsAsMlflowsRestTest() {
        String experimentId = api.createExperiment("start end trace");
        String requestId = start(
                        experimentId,
                        1000,
                        entries("meta1", "apple", "meta2", "grape"),
                        entries("tag1", "football", "tag2", "basketball"))
                .path("request_id")
                .asText();
        ObjectNode body = object().put("timestamp_ms", 3000).put("status", "OK");
        body.set("request_metadata", entries("meta1", "orange", "meta3", "banana"));
        body.set("tags", entries("tag1", "soccer", "tag3", "tennis"));

        JsonNode info = patch(TRACES + "/" + requestId, body).assertOk().path("trace_info");

        assertThat(info.path("request_id").asText()).isEqualTo(requestId);
        assertThat(info.path("timestamp_ms").asLong()).isEqualTo(1000);
        assertThat(info.path("execution_time_ms").asLong()).isEqualTo(2000);
        assertThat(info.path("status").asText()).isEqualTo("OK");
        assertThat(map(info.path("request_metadata")))
                .isEqualTo(Map.of("meta1", "orange", "meta2", "grape", "meta3", "banana"));
        assertThat(map(info.path("tags")))
                .containsEntry("tag1", "soccer")
                .containsEntry("tag2", "basketball")
                .containsEntry("tag3", "tennis");
        assertThat(api.get(TRACES + "/" + requestId + "/info").assertOk().path("trace_info"))
                .isEqualTo(info);
        assertThat(api.get("/ajax-api/2.0/mlflow/traces/" + requestId + "/info")
                        .assertOk()
                        .path("trace_info"))
                .isEqualTo(info);
    }

    @Test
    void endTakesAStatusByNameOrNumberAndRefusesOthersAndUnknownTraces() {
        String experimentId = api.createExperiment("end-trace-status");
        String requestId = start(experimentId, 10);

        assertThat(end(requestId, 20, "2").path("status").asText()).isEqualTo("ERROR");
        assertThat(patch(TRACES + "/" + requestId, object().put("status", 1))
                        .assertOk()
                        .path("trace_info")
                        .path("status")
                        .asText())
                .isEqualTo("OK");
        assertThat(patch(TRACES + "/" + requestId, object().put("status", 1.5))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Invalid value 1.5 for parameter 'status' supplied.");
        assertThat(patch(TRACES + "/" + requestId, object().put("timestamp_ms", 30))
                        .assertOk()
                        .path("trace_info")
                        .path("status")
                        .asText())
                .isEqualTo("TRACE_STATUS_UNSPECIFIED");
        assertThat(patch(TRACES + "/" + requestId, object().put("status", "DONE"))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Invalid value \"DONE\" for parameter 'status' supplied.");
        assertThat(patch(TRACES + "/tr-unknown", object().put("status", "OK"))
                        .assertError(404, "RESOURCE_DOES_NOT_EXIST"))
                .isEqualTo("Trace with request_id 'tr-unknown' not found.");
        assertThat(api.get(TRACES + "/tr-unknown/info").assertError(404, "RESOURCE_DOES_NOT_EXIST"))
                .isEqualTo("Trace with request_id 'tr-unknown' not found.");
    }

    @Test
    void searchAnswersAsMlflowsRestTest() {
        String experimentId = api.createExperiment("search traces");
        String first = start(experimentId, 1000);
        end(first, 1100, "OK");
        String second = start(experimentId, 2000);
        end(second, 2100, "OK");
        String third = start(experimentId, 3000);
        end(third, 3100, "ERROR");

        JsonNode all = api.get(TRACES + "?experiment_ids=" + experimentId).assertOk();
        assertThat(requestIds(all)).containsExactly(third, second, first);
        assertThat(all.has("next_page_token")).isFalse();
        assertThat(all.path("traces").get(0).path("execution_time_ms").asLong()).isEqualTo(100);

        JsonNode ok = api.get(TRACES + "?experiment_ids=" + experimentId
                        + "&filter=status%20%3D%20'OK'&order_by=timestamp%20ASC")
                .assertOk();
        assertThat(requestIds(ok)).containsExactly(first, second);

        JsonNode page = api.get(TRACES + "?experiment_ids=" + experimentId + "&max_results=2")
                .assertOk();
        assertThat(requestIds(page)).containsExactly(third, second);
        String token = page.path("next_page_token").asText();
        assertThat(token).isNotEmpty();
        JsonNode rest = api.get(TRACES + "?experiment_ids=" + experimentId + "&page_token=" + token)
                .assertOk();
        assertThat(requestIds(rest)).containsExactly(first);
        assertThat(rest.has("next_page_token")).isFalse();
    }

    @Test
    void searchOverSeveralExperimentsOrdersByTagsAndFiltersOnTheTraceName() {
        String one = api.createExperiment("search-traces-one");
        String two = api.createExperiment("search-traces-two");
        String a = start(one, 1000, entries("mlflow.sourceRun", "r1"), entries("mlflow.traceName", "a"))
                .path("request_id")
                .asText();
        String b = start(two, 2000, entries(), entries("mlflow.traceName", "b"))
                .path("request_id")
                .asText();

        assertThat(requestIds(
                        api.get(TRACES + "?experiment_ids=" + one + "&experiment_ids=" + two + "&order_by=name%20ASC")
                                .assertOk()))
                .containsExactly(a, b);
        assertThat(requestIds(api.get(TRACES + "?experiment_ids=" + one + "&experiment_ids=" + two
                                + "&filter=name%20%3D%20'b'")
                        .assertOk()))
                .containsExactly(b);
        assertThat(requestIds(api.get(TRACES + "?experiment_ids=" + one + "&experiment_ids=" + two
                                + "&filter=run_id%20%3D%20'r1'")
                        .assertOk()))
                .containsExactly(a);
    }

    @Test
    void searchRefusesBadArgumentsWithMlflowsMessages() {
        String experimentId = api.createExperiment("search-traces-errors");
        String in = TRACES + "?experiment_ids=" + experimentId;

        assertThat(api.get(TRACES).assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Missing value for required parameter 'experiment_ids'. "
                        + "See the API docs for more information about request parameters.");
        assertThat(api.get(in + "&max_results=501").assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Invalid value 501 for parameter 'max_results' supplied. Hint: Value was of type 'int'. "
                        + "See the API docs for more information about request parameters.");
        assertThat(api.get(in + "&max_results=0").assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Invalid value 0 for parameter 'max_results' supplied. It must be a positive integer");
        assertThat(api.get(in + "&filter=tags.a%20LIKE%20'x'").assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Invalid comparator 'LIKE' not one of '{'!=', '='}");
        assertThat(api.get(in + "&filter=params.a%20%3D%20'x'").assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Invalid entity type 'params'. Valid values are {");
        assertThat(api.get(in + "&filter=foo%20%3D%20'x'").assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Invalid attribute key 'foo' specified. Valid keys are '{");
        assertThat(api.get(in + "&filter=status%20%3D%201").assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Only the '{'timestamp_ms', ");
        assertThat(api.get(in + "&filter=timestamp_ms%20%3D%20'soon'").assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Expected numeric value type for numeric attribute: timestamp_ms. Found soon");
        assertThat(api.get(in + "&filter=status%20%3D%20'OK'%20OR%20status%20%3D%20'ERROR'")
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Invalid clause(s) in filter string");
        assertThat(api.get(in + "&order_by=status&order_by=status%20DESC").assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("`order_by` contains duplicate fields: ['status', 'status DESC']");
        assertThat(api.get(in + "&order_by=status%20UP").assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Invalid ordering key in order_by clause 'status UP'.");
        assertThat(api.get(in + "&page_token=bogus").assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Invalid page token, could not base64-decode");
    }

    @Test
    void deleteTracesByTimestampByNumberAndByIdAsMlflowsRestTest() {
        String experimentId = api.createExperiment("delete traces");
        String one = start(experimentId, 1000);
        String two = start(experimentId, 2000);
        String three = start(experimentId, 3000);

        assertThat(deleteTraces(object().put("experiment_id", experimentId)
                                .put("max_timestamp_millis", 3000)
                                .put("max_traces", 1))
                        .path("traces_deleted")
                        .asInt())
                .isEqualTo(1);
        assertThat(api.get(TRACES + "/" + one + "/info").status()).isEqualTo(404);
        ObjectNode byId = object().put("experiment_id", experimentId);
        byId.putArray("request_ids").add(two);
        assertThat(deleteTraces(byId).path("traces_deleted").asInt()).isEqualTo(1);
        assertThat(api.get(TRACES + "/" + three + "/info").status()).isEqualTo(200);
        JsonNode none = deleteTraces(object().put("experiment_id", experimentId).put("max_timestamp_millis", 2999));
        assertThat(none.path("traces_deleted").isIntegralNumber()).isTrue();
        assertThat(none.path("traces_deleted").asInt()).isZero();
        assertThat(deleteTraces(object().put("experiment_id", experimentId).put("max_timestamp_millis", 1e15))
                        .path("traces_deleted")
                        .asInt())
                .isEqualTo(1);
    }

    private static JsonNode deleteTraces(ObjectNode body) {
        return api.post(TRACES + "/delete-traces", body).assertOk();
    }

    @Test
    void deleteTracesRefusesEveryOtherFormWithMlflowsMessages() {
        String path = TRACES + "/delete-traces";
        ObjectNode both = object().put("experiment_id", "1").put("max_timestamp_millis", 5);
        both.putArray("request_ids").add("tr-a");
        ObjectNode idsAndNumber = object().put("experiment_id", "1").put("max_traces", 5);
        idsAndNumber.putArray("request_ids").add("tr-a");

        assertThat(api.post(path, object().put("max_timestamp_millis", 5)).assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Missing value for required parameter 'experiment_id'.");
        assertThat(api.post(path, object().put("experiment_id", "1")).assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Either `max_timestamp_millis` or `request_ids` must be specified.");
        assertThat(api.post(path, both).assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Only one of `max_timestamp_millis` and `request_ids` can be specified.");
        assertThat(api.post(path, idsAndNumber).assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("`max_traces` can't be specified if `request_ids` is specified.");
        assertThat(api.post(
                                path,
                                object().put("experiment_id", "1")
                                        .put("max_timestamp_millis", 5)
                                        .put("max_traces", 0))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("`max_traces` must be a positive integer, received 0.");
    }

    @Test
    void setAndDeleteTraceTagAsMlflowsRestTest() {
        String experimentId = api.createExperiment("set delete tag");
        String requestId = start(experimentId, 1000, entries(), entries("tag1", "red", "tag2", "blue", "tag3", "x"))
                .path("request_id")
                .asText();
        String tags = TRACES + "/" + requestId + "/tags";

        patch(tags, object().put("key", "tag1").put("value", "green")).assertOk();
        api.send("DELETE", tags, object().put("key", "tag2").toString(), "application/json")
                .assertOk();
        api.send("DELETE", tags + "?key=tag3", null, null).assertOk();

        Map<String, String> stored = map(api.get(TRACES + "/" + requestId + "/info")
                .assertOk()
                .path("trace_info")
                .path("tags"));
        assertThat(stored).containsEntry("tag1", "green").doesNotContainKeys("tag2", "tag3");
    }

    @Test
    void traceTagErrorsAreMlflows() {
        String experimentId = api.createExperiment("trace-tag-errors");
        String requestId = start(experimentId, 1000);
        String tags = TRACES + "/" + requestId + "/tags";

        assertThat(api.send("DELETE", tags + "?key=absent", null, null).assertError(404, "RESOURCE_DOES_NOT_EXIST"))
                .isEqualTo("No trace tag with key 'absent' for trace with request_id '" + requestId + "'");
        assertThat(patch(TRACES + "/tr-unknown/tags", object().put("key", "k").put("value", "v"))
                        .assertError(404, "RESOURCE_DOES_NOT_EXIST"))
                .isEqualTo("Trace with request_id 'tr-unknown' not found.");
        assertThat(patch(tags, object().put("value", "v")).assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Missing value for required parameter 'key'.");
        assertThat(patch(tags, object().put("key", "../up").put("value", "v"))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Invalid value \"../up\" for parameter 'key' supplied: Names may be treated as files");
        assertThat(patch(tags, object().put("key", "k".repeat(251)).put("value", "v"))
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("'key' exceeds the maximum length of 250 characters");
        patch(tags, object().put("key", "long").put("value", "v".repeat(9000))).assertOk();
        assertThat(map(api.get(TRACES + "/" + requestId + "/info")
                        .assertOk()
                        .path("trace_info")
                        .path("tags")))
                .containsEntry("long", "v".repeat(8000));
    }
}

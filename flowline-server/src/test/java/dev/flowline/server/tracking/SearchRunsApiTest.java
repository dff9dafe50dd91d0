package dev.flowline.server.tracking;

import static dev.flowline.server.tracking.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SearchRunsApiTest extends TrackingServerTest {
    private static String experimentId;
    private static final List<String> runIds = new ArrayList<>();

    @BeforeAll
    static void logRuns() {
        experimentId = api.createExperiment("search-runs");
        for (int i = 0; i < 6; i++) {
            String runId = api.createRun(experimentId);
            runIds.add(runId);
            ObjectNode batch = object().put("run_id", runId);
            batch.putArray("metrics")
                    .add(object().put("key", "score")
                            .put("value", i)
                            .put("timestamp", 1)
                            .put("step", 0));
            batch.putArray("params").add(object().put("key", "kind").put("value", i % 2 == 0 ? "even" : "odd"));
            batch.putArray("tags").add(object().put("key", "group").put("value", i < 3 ? "low" : "high"));
            api.post("/api/2.0/mlflow/runs/log-batch", batch).assertOk();
        }
    }

    @Test
    void filtersAndOrdersAsMlflowDoes() {
        JsonNode runs = search("metrics.score >= 2 and params.kind = 'even'", List.of("metrics.score DESC"), 100, null)
                .path("runs");
        assertThat(scores(runs)).containsExactly(4.0, 2.0);
        assertThat(scores(search("tags.`group` = 'low'", List.of("metrics.score ASC"), 100, null)
                        .path("runs")))
                .containsExactly(0.0, 1.0, 2.0);
    }

    @Test
    void acceptsOrAndParenthesesBeyondMlflow() {
        JsonNode runs = search(
                        "(metrics.score < 1 OR metrics.score > 4) AND params.kind = 'odd'",
                        List.of("metrics.score ASC"),
                        100,
                        null)
                .path("runs");
        assertThat(scores(runs)).containsExactly(5.0);
    }

    @Test
    void pagesWithOpaqueTokens() {
        JsonNode first = search("", List.of("metrics.score ASC"), 4, null);
        assertThat(first.path("runs")).hasSize(4);
        String token = first.path("next_page_token").asText();
        assertThat(token).isNotEmpty();
        JsonNode second = search("", List.of("metrics.score ASC"), 4, token);
        assertThat(scores(second.path("runs"))).containsExactly(4.0, 5.0);
        assertThat(second.has("next_page_token")).isFalse();
    }

    @Test
    void runViewTypeSelectsDeletedRuns() {
        String extra = api.createRun(experimentId);
        api.post("/api/2.0/mlflow/runs/delete", object().put("run_id", extra)).assertOk();
        ObjectNode request = object().put("run_view_type", "DELETED_ONLY");
        request.putArray("experiment_ids").add(experimentId);
        JsonNode runs =
                api.post("/api/2.0/mlflow/runs/search", request).assertOk().path("runs");
        assertThat(runs).extracting(r -> r.path("info").path("run_id").asText()).containsExactly(extra);
    }

    @Test
    void anEmptyResultIsAnEmptyObject() {
        assertThat(search("params.kind = 'none'", List.of(), 10, null)).isEmpty();
    }

    @Test
    void searchingNoOrUnknownExperimentsFindsNothing() {
        assertThat(api.post("/api/2.0/mlflow/runs/search", object()).assertOk().has("runs"))
                .isFalse();
        ObjectNode unknown = object();
        unknown.putArray("experiment_ids").add("999999").add("not-a-number").add("'; DROP TABLE runs; --");
        assertThat(api.post("/api/2.0/mlflow/runs/search", unknown).assertOk().has("runs"))
                .isFalse();
        ObjectNode datasets = object();
        datasets.putArray("experiment_ids").add("not-a-number");
        assertThat(api.post("/ajax-api/2.0/mlflow/experiments/search-datasets", datasets)
                        .assertOk())
                .isEmpty();
    }

    @Test
    void rejectsBadMaxResultsFiltersAndOrder() {
        assertThat(searchReply("", List.of(), 50001, null).assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Invalid value 50001 for parameter 'max_results' supplied.");
        for (String filter :
                new String[] {"metrics.score >", "nonsense", "metrics.score = 'a' and", "params.kind ~ 'x'"}) {
            assertThat(searchReply(filter, List.of(), 10, null).assertError(400, "INVALID_PARAMETER_VALUE"))
                    .isNotEmpty();
        }
        searchReply("", List.of("metrics.score SIDEWAYS"), 10, null).assertError(400, "INVALID_PARAMETER_VALUE");
        searchReply("", List.of(), 10, "garbage-token").assertError(400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    void sqlInFiltersIsJustData() {
        searchReply("params.kind = ''; DROP TABLE runs; --'", List.of(), 10, null)
                .assertError(400, "INVALID_PARAMETER_VALUE");
        assertThat(search("params.kind = \"'; DROP TABLE runs; --\"", List.of(), 10, null)
                        .has("runs"))
                .isFalse();
        assertThat(search("tags.`'; DROP TABLE runs; --` = 'x'", List.of(), 10, null)
                        .has("runs"))
                .isFalse();
        assertThat(search("", List.of(), 100, null).path("runs")).hasSize(runIds.size());
        assertThat(api.getRun(runIds.getFirst()).path("data").path("params")).hasSize(1);
    }

    private static JsonNode search(String filter, List<String> orderBy, int maxResults, String pageToken) {
        return searchReply(filter, orderBy, maxResults, pageToken).assertOk();
    }

    private static ApiClient.Reply searchReply(String filter, List<String> orderBy, int maxResults, String pageToken) {
        ObjectNode request = object().put("filter", filter).put("max_results", maxResults);
        request.putArray("experiment_ids").add(experimentId);
        orderBy.forEach(request.putArray("order_by")::add);
        if (pageToken != null) {
            request.put("page_token", pageToken);
        }
        return api.post("/api/2.0/mlflow/runs/search", request);
    }

    private static List<Double> scores(JsonNode runs) {
        List<Double> scores = new ArrayList<>();
        runs.forEach(r ->
                scores.add(r.path("data").path("metrics").get(0).path("value").asDouble()));
        return scores;
    }
}

package dev.flowline.server.tracking;

import static dev.flowline.server.tracking.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.flowline.core.error.ErrorCode;
import java.io.DataInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every tracking and registry endpoint, under both API prefixes, fed each field with values of the wrong
 * type, out of range or malformed, and bodies that are not JSON or not sent as JSON: every answer must be
 * MLflow's JSON error with the status of its code (never a 500, never HTML, never a dropped connection), and
 * what was stored before stays as it was.
 */
class MalformedInputTest extends TrackingServerTest {
    private static final List<String> PREFIXES = List.of("/api/2.0/", "/ajax-api/2.0/");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One endpoint and the request fields it reads. */
    record Endpoint(String method, String path, List<String> fields) {
        static Endpoint get(String path, String... fields) {
            return new Endpoint("GET", path, List.of(fields));
        }

        static Endpoint post(String path, String... fields) {
            return new Endpoint("POST", path, List.of(fields));
        }

        static Endpoint patch(String path, String... fields) {
            return new Endpoint("PATCH", path, List.of(fields));
        }

        static Endpoint delete(String path, String... fields) {
            return new Endpoint("DELETE", path, List.of(fields));
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(
                Endpoint.post("mlflow/experiments/create", "name", "artifact_location", "tags"),
                Endpoint.get("mlflow/experiments/get", "experiment_id"),
                Endpoint.get("mlflow/experiments/get-by-name", "experiment_name"),
                Endpoint.get(
                        "mlflow/experiments/search", "max_results", "page_token", "filter", "order_by", "view_type"),
                Endpoint.post(
                        "mlflow/experiments/search", "max_results", "page_token", "filter", "order_by", "view_type"),
                Endpoint.post("mlflow/experiments/delete", "experiment_id"),
                Endpoint.post("mlflow/experiments/restore", "experiment_id"),
                Endpoint.post("mlflow/experiments/update", "experiment_id", "new_name"),
                Endpoint.post("mlflow/experiments/set-experiment-tag", "experiment_id", "key", "value"),
                Endpoint.post("mlflow/experiments/delete-experiment-tag", "experiment_id", "key"),
                Endpoint.post("mlflow/experiments/search-datasets", "experiment_ids"),
                Endpoint.post("mlflow/runs/create", "experiment_id", "user_id", "run_name", "start_time", "tags"),
                Endpoint.post("mlflow/runs/update", "run_id", "run_uuid", "status", "end_time", "run_name"),
                Endpoint.post("mlflow/runs/delete", "run_id"),
                Endpoint.post("mlflow/runs/restore", "run_id"),
                Endpoint.get("mlflow/runs/get", "run_id", "run_uuid"),
                Endpoint.post(
                        "mlflow/runs/search",
                        "experiment_ids",
                        "filter",
                        "run_view_type",
                        "max_results",
                        "order_by",
                        "page_token"),
                Endpoint.post("mlflow/runs/log-metric", "run_id", "key", "value", "timestamp", "step"),
                Endpoint.post("mlflow/runs/log-parameter", "run_id", "key", "value"),
                Endpoint.post("mlflow/runs/set-tag", "run_id", "key", "value"),
                Endpoint.post("mlflow/runs/delete-tag", "run_id", "key"),
                Endpoint.post("mlflow/runs/log-batch", "run_id", "metrics", "params", "tags"),
                Endpoint.post("mlflow/runs/log-model", "run_id", "model_json"),
                Endpoint.post("mlflow/runs/log-inputs", "run_id", "datasets"),
                Endpoint.get("mlflow/metrics/get-history", "run_id", "metric_key", "max_results", "page_token"),
                Endpoint.get("mlflow/metrics/get-history-bulk", "run_id", "metric_key", "max_results"),
                Endpoint.get(
                        "mlflow/metrics/get-history-bulk-interval",
                        "run_ids",
                        "metric_key",
                        "start_step",
                        "end_step",
                        "max_results"),
                Endpoint.get("mlflow/artifacts/list", "run_id", "path", "page_token"),
                Endpoint.post("mlflow/registered-models/create", "name", "tags", "description"),
                Endpoint.post("mlflow/registered-models/rename", "name", "new_name"),
                Endpoint.patch("mlflow/registered-models/update", "name", "description"),
                Endpoint.delete("mlflow/registered-models/delete", "name"),
                Endpoint.get("mlflow/registered-models/get", "name"),
                Endpoint.get("mlflow/registered-models/search", "filter", "max_results", "order_by", "page_token"),
                Endpoint.get("mlflow/registered-models/get-latest-versions", "name", "stages"),
                Endpoint.post("mlflow/registered-models/get-latest-versions", "name", "stages"),
                Endpoint.post("mlflow/registered-models/set-tag", "name", "key", "value"),
                Endpoint.delete("mlflow/registered-models/delete-tag", "name", "key"),
                Endpoint.post("mlflow/registered-models/alias", "name", "alias", "version"),
                Endpoint.get("mlflow/registered-models/alias", "name", "alias"),
                Endpoint.delete("mlflow/registered-models/alias", "name", "alias"),
                Endpoint.post(
                        "mlflow/model-versions/create", "name", "source", "run_id", "tags", "run_link", "description"),
                Endpoint.patch("mlflow/model-versions/update", "name", "version", "description"),
                Endpoint.delete("mlflow/model-versions/delete", "name", "version"),
                Endpoint.get("mlflow/model-versions/get", "name", "version"),
                Endpoint.get("mlflow/model-versions/search", "filter", "max_results", "order_by", "page_token"),
                Endpoint.get("mlflow/model-versions/get-download-uri", "name", "version"),
                Endpoint.post(
                        "mlflow/model-versions/transition-stage",
                        "name",
                        "version",
                        "stage",
                        "archive_existing_versions"),
                Endpoint.post("mlflow/model-versions/set-tag", "name", "version", "key", "value"),
                Endpoint.delete("mlflow/model-versions/delete-tag", "name", "version", "key"),
                Endpoint.post("mlflow/traces", "experiment_id", "timestamp_ms", "request_metadata", "tags"),
                Endpoint.get("mlflow/traces", "experiment_ids", "filter", "max_results", "order_by", "page_token"),
                Endpoint.patch("mlflow/traces/tr-malformed", "timestamp_ms", "status", "request_metadata", "tags"),
                Endpoint.get("mlflow/traces/tr-malformed/info"),
                Endpoint.post(
                        "mlflow/traces/delete-traces",
                        "experiment_id",
                        "max_timestamp_millis",
                        "max_traces",
                        "request_ids"),
                Endpoint.patch("mlflow/traces/tr-malformed/tags", "key", "value"),
                Endpoint.delete("mlflow/traces/tr-malformed/tags", "key"));
    }

    /** Values of the wrong type, out of range, empty, non-ASCII, or shaped wrongly for repeated fields. */
    private static final List<JsonNode> VALUES = List.of(
            NODES.textNode("x"),
            NODES.textNode(""),
            NODES.textNode("é中😀"),
            NODES.textNode("9223372036854775808"),
            NODES.textNode("-5"),
            NODES.textNode("NaN"),
            NODES.textNode(" 1"),
            NODES.numberNode(123),
            NODES.numberNode(-1),
            NODES.numberNode(1.5),
            NODES.numberNode(Long.MIN_VALUE),
            NODES.numberNode(new BigInteger("9223372036854775808")),
            NODES.numberNode(new BigInteger("1000000000000000000000000000000")),
            NODES.numberNode(1e308),
            NODES.booleanNode(true),
            NODES.nullNode(),
            NODES.arrayNode(),
            NODES.arrayNode().add("a"),
            NODES.arrayNode().add(1),
            NODES.arrayNode().add(NODES.nullNode()),
            NODES.arrayNode().add(NODES.arrayNode()),
            NODES.arrayNode().add(NODES.objectNode()),
            NODES.arrayNode().add(NODES.objectNode().putNull("key")),
            NODES.arrayNode().add(NODES.objectNode().put("key", 1).set("value", NODES.objectNode())),
            NODES.objectNode(),
            NODES.objectNode().put("a", 1));

    /** Bodies that are not a JSON object, not JSON, not UTF-8, or not sent as JSON. */
    private static final List<RawBody> RAW_BODIES = List.of(
            new RawBody("{}", "application/json"),
            new RawBody("", "application/json"),
            new RawBody("not json", "application/json"),
            new RawBody("{\"a\":", "application/json"),
            new RawBody("[1,2]", "application/json"),
            new RawBody("123", "application/json"),
            new RawBody("\"abc\"", "application/json"),
            new RawBody("\"{\\\"name\\\": 5}\"", "application/json"),
            new RawBody("{\"a\":1e999999}", "application/json"),
            new RawBody("{\"max_results\":1e999999}", "application/json"),
            new RawBody("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}", "application/json"),
            new RawBody(new byte[] {(byte) 0xff, (byte) 0xfe, 0}, "application/json"),
            new RawBody(
                    new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xc3, (byte) 0x28, '"', '}'},
                    "application/json"),
            new RawBody("{}", "text/plain"),
            new RawBody("{}", "application/x-www-form-urlencoded"),
            new RawBody("{}", null));

    /** Query strings with bad escapes, overflowing numbers and keys without values. */
    private static final List<String> RAW_QUERIES =
            List.of("%ff%fe", "run_id=%ff", "a=%zz", "name=%", "max_results=99999999999999999999999", "=", "&&&");

    record RawBody(byte[] bytes, String contentType) {
        RawBody(String text, String contentType) {
            this(text.getBytes(StandardCharsets.UTF_8), contentType);
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String experimentId;
    private static String runId;
    private static JsonNode storedBefore;

    @BeforeAll
    static void storeSomething() {
        experimentId = api.createExperiment("malformed-input-kept");
        runId = api.createRun(experimentId);
        api.post(
                        "/api/2.0/mlflow/runs/log-batch",
                        object().put("run_id", runId)
                                .set(
                                        "metrics",
                                        ApiClient.JSON
                                                .createArrayNode()
                                                .add(object().put("key", "m")
                                                        .put("value", 1.5)
                                                        .put("timestamp", 7)
                                                        .put("step", 2))))
                .assertOk();
        api.post("/api/2.0/mlflow/registered-models/create", object().put("name", "malformed-input-model"))
                .assertOk();
        storedBefore = stored();
    }

    @AfterAll
    static void storedDataIsIntact() {
        assertThat(stored()).isEqualTo(storedBefore);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void everyMalformedFieldIsAJsonClientError(Endpoint endpoint) {
        SoftAssertions softly = new SoftAssertions();
        for (String prefix : PREFIXES) {
            String path = prefix + endpoint.path();
            for (String field : endpoint.fields()) {
                for (JsonNode value : VALUES) {
                    Answer answer = endpoint.method().equals("GET")
                            ? send("GET", path + "?" + query(field, value), null)
                            : send(
                                    endpoint.method(),
                                    path,
                                    new RawBody(object().set(field, value).toString(), "application/json"));
                    check(softly, endpoint + " " + field + "=" + value, answer);
                }
            }
            if (endpoint.method().equals("GET")) {
                for (String query : RAW_QUERIES) {
                    check(softly, endpoint + " ?" + query, sendRawGet(path + "?" + query));
                }
            } else {
                for (RawBody body : RAW_BODIES) {
                    String description = endpoint + " body "
                            + new String(body.bytes(), 0, Math.min(body.bytes().length, 40), StandardCharsets.UTF_8)
                            + " as " + body.contentType();
                    check(softly, description, send(endpoint.method(), path, body));
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void aLogBatchBodyOverTheServersLimitIsAJsonClientError() {
        byte[] huge = ("{\"run_id\": \"" + runId + "\", \"tags\": [{\"key\": \"k\", \"value\": \""
                        + "v".repeat(17 * 1024 * 1024) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        SoftAssertions softly = new SoftAssertions();
        check(
                softly,
                "17 MiB log-batch",
                send("POST", "/api/2.0/mlflow/runs/log-batch", new RawBody(huge, "application/json")));
        softly.assertAll();
    }

    private static void check(SoftAssertions softly, String description, Answer answer) {
        softly.assertThat(answer.status())
                .as("status of %s: %s", description, answer.body())
                .isBetween(200, 499);
        softly.assertThat(answer.contentType())
                .as("content type of %s", description)
                .startsWith("application/json");
        if (answer.status() >= 400) {
            JsonNode error;
            try {
                error = ApiClient.JSON.readTree(answer.body());
            } catch (IOException e) {
                softly.fail(
                        "%s answered %d with a body that is not JSON: %s", description, answer.status(), answer.body());
                return;
            }
            softly.assertThat(error.path("message").isTextual())
                    .as("message of %s: %s", description, answer.body())
                    .isTrue();
            String code = error.path("error_code").asText();
            softly.assertThat(Stream.of(ErrorCode.values()).map(Enum::name))
                    .as("error_code of %s: %s", description, answer.body())
                    .contains(code);
            if (Stream.of(ErrorCode.values()).anyMatch(c -> c.name().equals(code))) {
                softly.assertThat(ErrorCode.valueOf(code).httpStatus())
                        .as("status of %s for its error code: %s", description, answer.body())
                        .isEqualTo(answer.status());
            }
        }
    }

    /** A query string with the field as a repeated key for arrays, JSON text for other non-strings. */
    private static String query(String field, JsonNode value) {
        List<JsonNode> items = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(items::add);
        } else {
            items.add(value);
        }
        List<String> pairs = new ArrayList<>();
        for (JsonNode item : items) {
            String text = item.isTextual() ? item.asText() : item.toString();
            pairs.add(field + "=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
        }
        return String.join("&", pairs);
    }

    record Answer(int status, String contentType, String body) {}

    private static Answer send(String method, String path, RawBody body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(trackingUri() + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
        if (body != null && body.contentType() != null) {
            request.header("Content-Type", body.contentType());
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            return new Answer(0, "", "connection failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET sent over a plain socket, for request targets the JDK client refuses to build. */
    private static Answer sendRawGet(String target) {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            List<String> head = new ArrayList<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                head.add(line);
            }
            String contentType = header(head, "content-type");
            byte[] body = new byte[Integer.parseInt(header(head, "content-length"))];
            in.readFully(body);
            return new Answer(
                    Integer.parseInt(head.getFirst().split(" ")[1]),
                    contentType,
                    new String(body, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return new Answer(0, "", "no well-formed answer: " + e);
        }
    }

    private static String readLine(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed in the response head");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static String header(List<String> head, String name) {
        return head.stream()
                .filter(h -> h.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                .map(h -> h.substring(name.length() + 1).trim())
                .findFirst()
                .orElse("");
    }

    private static JsonNode stored() {
        return object().<com.fasterxml.jackson.databind.node.ObjectNode>set("run", api.getRun(runId))
                .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                        "experiment",
                        api.get("/api/2.0/mlflow/experiments/get?experiment_id=" + experimentId)
                                .assertOk())
                .set(
                        "model",
                        api.get("/api/2.0/mlflow/registered-models/get?name=malformed-input-model")
                                .assertOk());
    }
}

package dev.flowline.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowline.core.gateway.GatewaySettings;
import dev.flowline.server.FlowlineServer;
import dev.flowline.server.ServerConfig;
import dev.flowline.server.tracking.ApiClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /ajax-api/2.0/mlflow/gateway-proxy} against a real deployments server started in the test. */
class GatewayProxyApiTest {
    private static final String PROXY = "/ajax-api/2.0/mlflow/gateway-proxy";

    @TempDir
    Path directory;

    private FakeDeploymentsServer deployments;
    private FlowlineServer server;
    private ApiClient api;

    private void start(GatewaySettings gateway) {
        start(gateway, false);
    }

    private void start(GatewaySettings gateway, boolean artifactsOnly) {
        URI backend = URI.create("sqlite:///" + directory.resolve("mlflow.db").toAbsolutePath());
        server = FlowlineServer.start(ServerConfig.embeddedDefault()
                .withPort(0)
                .withBackendStoreUri(backend)
                .withArtifacts(null, true, directory.resolve("mlartifacts").toString(), artifactsOnly)
                .withGateway(gateway));
        api = new ApiClient(server.port());
    }

    private void startWithDeployments() throws IOException {
        deployments = new FakeDeploymentsServer();
        start(new GatewaySettings(Optional.of(deployments.target()), Duration.ofMillis(1500)));
    }

    /** A POST to the deployments server's endpoint {@code name}, with an empty JSON payload. */
    private ApiClient.Reply invoke(String name) {
        return api.post(PROXY, "{\"gateway_path\": \"gateway/" + name + "/invocations\", \"json_data\": {}}");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (deployments != null) {
            deployments.close();
        }
    }

    @Test
    void withoutADeploymentsServerTheProxyAnswersAnEmptyEndpointListAsMlflowDoes() {
        start(GatewaySettings.none());

        assertThat(api.get(PROXY + "?gateway_path=api/2.0/endpoints/")
                        .assertOk()
                        .toString())
                .isEqualTo("{\"endpoints\":[]}");
        assertThat(api.post(PROXY, "{}").assertOk().toString()).isEqualTo("{\"endpoints\":[]}");
    }

    @Test
    void aGetListsTheDeploymentsServersEndpoints() throws Exception {
        startWithDeployments();

        JsonNode answer = api.get(PROXY + "?gateway_path=api/2.0/endpoints/").assertOk();

        assertThat(answer).isEqualTo(ApiClient.JSON.readTree(FakeDeploymentsServer.ENDPOINTS));
        assertThat(deployments.received()).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.path()).isEqualTo("/base/api/2.0/endpoints/");
            assertThat(request.body()).isEmpty();
        });
    }

    @Test
    void aHeadAsksTheDeploymentsServerAsTheGetDoesAndAnswersItsHeaders() throws Exception {
        startWithDeployments();
        var request = java.net.http.HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + PROXY + "?gateway_path=api/2.0/endpoints/"))
                .HEAD()
                .build();

        var answer = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEmpty();
        assertThat(answer.headers().firstValue("content-length"))
                .contains(Integer.toString(api.get(PROXY + "?gateway_path=api/2.0/endpoints/")
                        .assertOk()
                        .toString()
                        .length()));
        assertThat(deployments.received()).first().satisfies(received -> {
            assertThat(received.method()).isEqualTo("GET");
            assertThat(received.path()).isEqualTo("/base/api/2.0/endpoints/");
        });
    }

    @Test
    void aPostSendsJsonDataToTheEndpointAndReturnsItsAnswer() throws Exception {
        startWithDeployments();

        JsonNode answer = api.send(
                        "POST",
                        PROXY,
                        "{\"gateway_path\": \"gateway/chat/invocations\", \"json_data\":"
                                + " {\"messages\": [{\"content\": \"hello\", \"role\": \"user\"}], \"temperature\": 0.5}}",
                        "application/json")
                .assertOk();

        assertThat(answer.path("choices").get(0).path("message").path("content").asText())
                .isEqualTo("hi");
        assertThat(answer.path("echo"))
                .isEqualTo(ApiClient.JSON.readTree(
                        "{\"messages\": [{\"content\": \"hello\", \"role\": \"user\"}], \"temperature\": 0.5}"));
        FakeDeploymentsServer.Received request = deployments.received().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/base/gateway/chat/invocations");
        assertThat(request.contentType()).isEqualTo("application/json");
        assertThat(request.body()).doesNotContain("gateway_path");
    }

    @Test
    void theCallersHeadersAreNotPassedOn() throws Exception {
        startWithDeployments();
        var request = java.net.http.HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + PROXY + "?gateway_path=api/2.0/endpoints/"))
                .header("X-Injected", "1")
                .GET()
                .build();

        int status = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                .statusCode();

        assertThat(status).isEqualTo(200);
        assertThat(deployments.received().getFirst().injected()).isNull();
    }

    @Test
    void aMissingGatewayPathIsMlflowsError() throws Exception {
        startWithDeployments();

        assertThat(api.post(PROXY, "{}").assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Deployments proxy request must specify a gateway_path.");
        assertThat(api.get(PROXY).assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Deployments proxy request must specify a gateway_path.");
        assertThat(deployments.received()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "gateway/../../admin/invocations",
                "gateway/%2e%2e/invocations",
                "gateway/x@evil.example/invocations",
                "http://evil.example/gateway/x/invocations",
                "//evil.example/gateway/x/invocations",
                "gateway/x\r\nX-Injected: 1/invocations",
                "gateway/x?y=1/invocations",
                "api/2.0/endpoints/"
            })
    void aPostToAnythingButANamedEndpointIsRefusedBeforeAnyCallIsMade(String path) throws Exception {
        startWithDeployments();
        String body = ApiClient.JSON
                .createObjectNode()
                .put("gateway_path", path)
                .set("json_data", ApiClient.object().put("prompt", "x"))
                .toString();

        String message = api.post(PROXY, body).assertError(400, "INVALID_PARAMETER_VALUE");

        assertThat(message).startsWith("Invalid gateway_path: ").endsWith(" for method: POST");
        assertThat(deployments.received()).isEmpty();
    }

    @Test
    void aGetMayOnlyListEndpoints() throws Exception {
        startWithDeployments();
        String path = URLEncoder.encode("gateway/chat/invocations", StandardCharsets.UTF_8);

        assertThat(api.get(PROXY + "?gateway_path=" + path).assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Invalid gateway_path: gateway/chat/invocations for method: GET");
        assertThat(deployments.received()).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonOrNotSentAsJsonIsRefused() throws Exception {
        startWithDeployments();

        assertThat(api.send("POST", PROXY, "gateway_path=x", "application/json")
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Malformed request: the body is not valid JSON");
        assertThat(api.send("POST", PROXY, "{\"gateway_path\": \"gateway/chat/invocations\"}", "text/plain")
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo("Bad Request. Content-Type must be one of ['application/json'].");
        assertThat(deployments.received()).isEmpty();
    }

    @Test
    void aGatewayPathThatIsNotAStringIsRefused() throws Exception {
        startWithDeployments();

        assertThat(api.post(PROXY, "{\"gateway_path\": 7}").assertError(400, "INVALID_PARAMETER_VALUE"))
                .startsWith("Invalid value 7 for parameter 'gateway_path' supplied.");
    }

    @Test
    void anAnswerOtherThan200IsMlflowsInternalErrorQuotingIt() throws Exception {
        startWithDeployments();

        assertThat(invoke("missing").assertError(500, "INTERNAL_ERROR"))
                .isEqualTo("Deployments proxy request failed with error code 404. Error message: "
                        + "{\"detail\": \"no such endpoint\"}");
    }

    @Test
    void anAnswerThatIsNotJsonIsAnError() throws Exception {
        startWithDeployments();

        assertThat(invoke("plain").assertError(500, "INTERNAL_ERROR"))
                .isEqualTo("Deployments proxy request failed: the deployments server's answer to "
                        + "gateway/plain/invocations is not JSON");
    }

    @Test
    void aDeploymentsServerThatDoesNotAnswerInTimeIsDeadlineExceeded() throws Exception {
        startWithDeployments();

        assertThat(invoke("slow").assertError(504, "DEADLINE_EXCEEDED"))
                .isEqualTo("Deployments proxy request timed out: the deployments server did not answer within"
                        + " 1500 ms");
    }

    @Test
    void aDeploymentsServerThatCannotBeReachedIsTemporarilyUnavailable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        start(GatewaySettings.of(URI.create("http://127.0.0.1:" + closedPort)));

        assertThat(api.get(PROXY + "?gateway_path=api/2.0/endpoints/").assertError(503, "TEMPORARILY_UNAVAILABLE"))
                .startsWith("Deployments proxy request failed: cannot reach the deployments server");
    }

    @Test
    void artifactsOnlyLeavesTheProxyOnAsInMlflow() {
        start(GatewaySettings.none(), true);

        assertThat(api.get(PROXY + "?gateway_path=api/2.0/endpoints/")
                        .assertOk()
                        .toString())
                .isEqualTo("{\"endpoints\":[]}");
    }

    @Test
    void theProxyIsServedUnderTheAjaxPrefixOnlyAsInMlflow() throws Exception {
        startWithDeployments();

        api.get("/api/2.0/mlflow/gateway-proxy?gateway_path=api/2.0/endpoints/").assertError(404, "ENDPOINT_NOT_FOUND");
    }
}

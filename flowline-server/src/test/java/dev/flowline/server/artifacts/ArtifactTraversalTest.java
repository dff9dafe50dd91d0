package dev.flowline.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowline.core.artifacts.ArtifactSettings;
import dev.flowline.server.FlowlineServer;
import dev.flowline.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every path-traversal trick against every artifact endpoint: each is refused (INVALID_PARAMETER_VALUE)
 * or finds nothing (404), and a canary file next to the store is never read, changed or joined by new files.
 */
class ArtifactTraversalTest {
    private static final String CANARY_TEXT = "canary-secret-do-not-serve";

    @TempDir
    static Path directory;

    static Path canary;
    static FileTime canaryModified;
    static List<Path> outsideBefore;
    static FlowlineServer server;
    static ArtifactClient client;
    static String runId;

    @BeforeAll
    static void start() throws IOException {
        Path store = Files.createDirectories(directory.resolve("store"));
        canary = Files.writeString(directory.resolve("canary.txt"), CANARY_TEXT);
        canaryModified = Files.getLastModifiedTime(canary);
        Files.createSymbolicLink(store.resolve("link-out"), directory);
        URI backend = URI.create("sqlite:///" + directory.resolve("mlflow.db").toAbsolutePath());
        server = FlowlineServer.start(ServerConfig.embeddedDefault()
                .withPort(0)
                .withBackendStoreUri(backend)
                .withArtifacts(null, true, store.toString(), false)
                .withArtifactSettings(ArtifactSettings.none()));
        client = new ArtifactClient(server.port());
        runId = client.createRun(client.createExperiment("traversal"))
                .path("run_id")
                .asText();
        outsideBefore = outside();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void canaryIsUntouched() throws IOException {
        assertThat(Files.readString(canary)).isEqualTo(CANARY_TEXT);
        assertThat(Files.getLastModifiedTime(canary)).isEqualTo(canaryModified);
        assertThat(outside()).isEqualTo(outsideBefore);
    }

    /** Paths as they appear in a URL: plain, percent-encoded, double-encoded, with backslashes, absolute, … */
    static Stream<String> attacks() {
        return Stream.of(
                "../canary.txt",
                "..%2Fcanary.txt",
                "%2e%2e/canary.txt",
                "%2E%2E%2Fcanary.txt",
                "%252e%252e/canary.txt",
                "%252e%252e%252fcanary.txt",
                "%25252e%25252e%25252fcanary.txt",
                "..%5Ccanary.txt",
                "%5C..%5Ccanary.txt",
                "sub/..%5C..%5Ccanary.txt",
                "sub/%2e%2e/%2e%2e/canary.txt",
                "%2F" + directory.toString().substring(1).replace("/", "%2F") + "%2Fcanary.txt",
                "C:%5Ccanary.txt",
                "C:/canary.txt",
                "a%23/../../canary.txt",
                "a%3F/../../canary.txt",
                "a%00/../../canary.txt",
                "canary%00.txt",
                "line%0Abreak.txt",
                "file:%2F%2F%2Fetc%2Fpasswd");
    }

    @ParameterizedTest
    @MethodSource("attacks")
    void proxyDownloadsAreRefused(String attack) {
        assertRefused(client.get("/api/2.0/mlflow-artifacts/artifacts/" + attack));
        assertRefused(client.get("/ajax-api/2.0/mlflow-artifacts/artifacts/" + attack));
    }

    @ParameterizedTest
    @MethodSource("attacks")
    void proxyUploadsAreRefused(String attack) {
        assertRefused(
                client.put("/api/2.0/mlflow-artifacts/artifacts/" + attack, ArtifactProxyContractTest.utf8("PWNED")));
    }

    @ParameterizedTest
    @MethodSource("attacks")
    void proxyDeletesAreRefused(String attack) {
        assertRefused(client.delete("/api/2.0/mlflow-artifacts/artifacts/" + attack));
    }

    @ParameterizedTest
    @MethodSource("attacks")
    void listingsAreRefused(String attack) {
        assertRefused(client.get("/api/2.0/mlflow-artifacts/artifacts?path=" + attack));
        assertRefused(client.get("/api/2.0/mlflow/artifacts/list?run_id=" + runId + "&path=" + attack));
    }

    @ParameterizedTest
    @MethodSource("attacks")
    void runArtifactDownloadsAreRefused(String attack) {
        assertRefused(client.get("/get-artifact?run_id=" + runId + "&path=" + attack));
    }

    @ParameterizedTest
    @MethodSource("attacks")
    void theWebUisUploadsAreRefused(String attack) {
        assertRefused(client.postBytes(
                "/ajax-api/2.0/mlflow/upload-artifact?run_uuid=" + runId + "&path=" + attack,
                ArtifactProxyContractTest.utf8("x")));
    }

    @Test
    void aSymbolicLinkInTheStoreLeadsNowhereOutside() {
        String viaLink = "/api/2.0/mlflow-artifacts/artifacts/link-out/canary.txt";

        client.get(viaLink).assertError(404, "RESOURCE_DOES_NOT_EXIST");
        client.put(viaLink, ArtifactProxyContractTest.utf8("PWNED")).assertError(400, "INVALID_PARAMETER_VALUE");
        client.delete(viaLink).assertOk();
        assertThat(client.get("/api/2.0/mlflow-artifacts/artifacts?path=link-out")
                        .assertOk())
                .isEmpty();
        assertThat(client.get("/api/2.0/mlflow-artifacts/artifacts").assertOk().toString())
                .doesNotContain("link-out");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http:///?/../../etc/",
                "file:///x#/../../etc",
                "runs:/0123456789abcdef/artifacts",
                "file:///tmp/../etc",
                "s3://bucket/x?y=%2e%2e/",
                "file:///x%23/../../etc",
                "http://host/a;params"
            })
    void experimentArtifactLocationTricksAreRefused(String location) throws IOException {
        String body = ArtifactClient.JSON.writeValueAsString(
                java.util.Map.of("name", "loc-" + location.hashCode(), "artifact_location", location));

        client.post("/api/2.0/mlflow/experiments/create", body).assertError(400, "INVALID_PARAMETER_VALUE");
    }

    @Test
    void aPlainFileLocationIsKept() {
        String id = client.post(
                        "/api/2.0/mlflow/experiments/create",
                        "{\"name\": \"plain-file\", \"artifact_location\": \"file:///some/dir\"}")
                .assertOk()
                .path("experiment_id")
                .asText();

        assertThat(client.getExperiment(id).path("artifact_location").asText()).isEqualTo("file:///some/dir");
    }

    private static void assertRefused(ArtifactClient.Reply reply) {
        assertThat(reply.text()).doesNotContain(CANARY_TEXT);
        assertThat(reply.status()).as(reply.text()).isIn(400, 404);
        if (reply.status() == 400) {
            assertThat(reply.json().path("error_code").asText())
                    .as(reply.text())
                    .isEqualTo("INVALID_PARAMETER_VALUE");
        }
    }

    private static List<Path> outside() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(p -> !p.startsWith(directory.resolve("store"))
                            && !p.getFileName().toString().startsWith("mlflow.db"))
                    .sorted()
                    .toList();
        }
    }
}

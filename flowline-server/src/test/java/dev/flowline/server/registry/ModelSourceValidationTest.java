package dev.flowline.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Model-version sources that reach outside the artifacts of the run they name, in the forms of MLflow's
 * path-traversal CVEs (2023-1177, -2356, -2780, -6018, -6909, 2024-1483, 2025-11201), are rejected and register
 * nothing; local sources inside them (also spelt with "." or ".."), and remote and proxied ones without relative
 * references, are accepted, as by MLflow.
 */
class ModelSourceValidationTest extends RegistryServerTest {
    @TempDir
    static Path artifactRoot;

    private static String localRun;
    private static String localArtifacts;
    private static String proxiedRun;
    private static String proxiedArtifacts;
    private static String otherProxiedArtifacts;

    @BeforeAll
    static void makeRuns() throws IOException {
        String local = api.post(
                        "/api/2.0/mlflow/experiments/create",
                        body().put("name", unique("local"))
                                .put("artifact_location", artifactRoot.toUri().toString()))
                .assertOk()
                .path("experiment_id")
                .asText();
        localRun = api.createRun(local);
        localArtifacts = api.getRun(localRun).path("info").path("artifact_uri").asText();
        Path directory = Path.of(java.net.URI.create(localArtifacts));
        Files.createDirectories(directory.resolve("model"));
        Files.createSymbolicLink(directory.resolve("escape"), Path.of("/etc"));

        String proxied = api.createExperiment(unique("proxied"));
        proxiedRun = api.createRun(proxied);
        proxiedArtifacts =
                api.getRun(proxiedRun).path("info").path("artifact_uri").asText();
        otherProxiedArtifacts = api.getRun(api.createRun(proxied))
                .path("info")
                .path("artifact_uri")
                .asText();
    }

    static Stream<String> localAttacks() {
        String path = Path.of(java.net.URI.create(localArtifacts)).toString();
        return Stream.of(
                "/etc/passwd",
                "file:///etc/passwd",
                "file://./etc/passwd",
                "file://localhost/etc/passwd",
                "//proc/self/root/etc/passwd",
                "/proc/self/environ",
                path + "/../../../../etc/passwd",
                path + "/model/../../../..",
                "file://" + path + "/../../../../etc",
                path + "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc",
                path + "/%252e%252e/%252e%252e/%252e%252e/etc",
                path + "/%25252e%25252e/%25252e%25252e/etc",
                path + "/..%2f..%2f..%2f..%2fetc",
                path + "/%zz/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc",
                path + "/model/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc",
                "file://" + path + "/x#/../../../../etc/passwd",
                "file://" + path + "/x%23/../../../../etc/passwd",
                path + "/model?/../../../../etc",
                path + "/model%3f/../../../etc",
                path + "/model\\..\\..\\..\\etc",
                path + "/model%00",
                path + "/model\u0000",
                path + "/escape/passwd",
                path + "-sibling/model",
                artifactRoot.toString(),
                "./mlruns/../../etc",
                "C:/Windows/System32");
    }

    @ParameterizedTest
    @MethodSource("localAttacks")
    void localSourcesOutsideTheRunsArtifactsAreRejected(String source) {
        assertRejected(source, localRun);
    }

    static Stream<String> remoteAttacks() {
        return Stream.of(
                "mlflow-artifacts:/../../../etc/passwd",
                "mlflow-artifacts://host:5000/../../../../etc",
                "mlflow-artifacts://host:5000/..%2f..%2f..%2f..%2fetc",
                "http://host:5000/api/2.0/mlflow-artifacts/artifacts/../../../../etc",
                "https://host/api/2.0/mlflow-artifacts/artifacts%00",
                "s3://bucket/models/path/../../other/path",
                "s3:/my_bucket/models/path/%2e%2e/%2e%2e/other",
                "gs://bucket/model#/../../secret",
                "runs:/" + "0".repeat(32) + "/../../../etc",
                "models:/some/1/../../etc");
    }

    @ParameterizedTest
    @MethodSource("remoteAttacks")
    void remoteAndUriSourcesWithRelativeReferencesAreRejected(String source) {
        assertRejected(source, null);
    }

    /** As MLflow: proxied sources are not tied to the run, only free of relative references (its own test cases). */
    static Stream<String> proxiedSources() {
        return Stream.of(
                "mlflow-artifacts:/models",
                "mlflow-artifacts:/models/",
                "mlflow-artifacts:/models///",
                "mlflow-artifacts:/models/foo///bar",
                "mlflow-artifacts://host:9000/models",
                "mlflow-artifacts://host:9000/models/artifact/..../",
                otherProxiedArtifacts + "/model");
    }

    @ParameterizedTest
    @MethodSource("proxiedSources")
    void proxiedSourcesWithoutRelativeReferencesAreAccepted(String source) {
        String name = unique("proxied");
        createModel(name);

        createVersion(name, source, proxiedRun).assertOk();
    }

    @org.junit.jupiter.api.Test
    void aFileUriNamingAnotherHostIsRefused() {
        String name = unique("remote-file");
        createModel(name);

        assertThat(createVersion(name, "file://123.456.789.123/path/to/source", localRun)
                        .assertError(400, "INVALID_PARAMETER_VALUE"))
                .isEqualTo(
                        "file://123.456.789.123/path/to/source is not a valid remote uri. For remote access on"
                                + " windows, please consider using a different scheme such as SMB (e.g. smb://<hostname>/<path>).");
    }

    @ParameterizedTest
    @MethodSource("localAttacks")
    void localSourcesWithoutARunAreRejected(String source) {
        assertRejected(source, null);
    }

    static Stream<List<String>> accepted() {
        String path = Path.of(java.net.URI.create(localArtifacts)).toString();
        return Stream.of(
                List.of(path + "/model", localRun),
                List.of(path, localRun),
                List.of(localArtifacts + "/model", localRun),
                List.of(localArtifacts + "/.", localRun),
                List.of(localArtifacts + "/model/..", localRun),
                List.of("file://" + path + "/model", localRun),
                List.of(proxiedArtifacts + "/model", proxiedRun),
                List.of(
                        proxiedArtifacts.replace("mlflow-artifacts:/", "mlflow-artifacts://host:5000/") + "/model",
                        proxiedRun),
                List.of("runs:/" + proxiedRun + "/model", proxiedRun),
                // As in MLflow's own server test: a runs:/ source naming no run of this store is kept as given.
                List.of("runs:/graphql_test/model", proxiedRun),
                List.of("s3://bucket/models/model", ""),
                List.of("https://example.com/models/model.tar.gz", ""));
    }

    @ParameterizedTest
    @MethodSource("accepted")
    void sourcesInsideTheRunOrOnRemoteStorageAreAccepted(List<String> sourceAndRun) {
        String name = unique("accepted");
        createModel(name);
        String runId = sourceAndRun.get(1).isEmpty() ? null : sourceAndRun.get(1);

        createVersion(name, sourceAndRun.get(0), runId).assertOk();
    }

    private static void assertRejected(String source, String runId) {
        String name = unique("attack");
        createModel(name);

        String message = createVersion(name, source, runId).assertError(400, "INVALID_PARAMETER_VALUE");

        assertThat(message).startsWith("Invalid model version source");
        assertThat(api.get(VERSIONS + "search?filter="
                                + URLEncoder.encode("name = '" + name + "'", StandardCharsets.UTF_8))
                        .assertOk()
                        .has("model_versions"))
                .isFalse();
    }
}

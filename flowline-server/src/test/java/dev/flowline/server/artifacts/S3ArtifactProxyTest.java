package dev.flowline.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowline.core.artifacts.ArtifactSettings;
import dev.flowline.testkit.TestingS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3ArtifactProxyTest extends ArtifactProxyContractTest {
    @TempDir
    static Path directory;

    static TestingS3 s3;

    @BeforeAll
    static void startServer() {
        s3 = new TestingS3();
        start(directory, s3.uri("mlartifacts"), new ArtifactSettings(s3.settings()));
    }

    @AfterAll
    static void stopS3() {
        stop();
        s3.close();
    }

    @Test
    void uploadsLandUnderTheDestinationPrefix() {
        client.putArtifact("in-bucket/file.txt", "here").assertOk();

        assertThat(s3.client()
                        .getObjectAsBytes(b -> b.bucket(s3.bucket()).key("mlartifacts/in-bucket/file.txt"))
                        .asUtf8String())
                .isEqualTo("here");
    }

    @Test
    void multipartUploadGoesThroughPresignedPartUrls() throws Exception {
        byte[] first = new byte[5 * 1024 * 1024];
        Arrays.fill(first, (byte) 1);
        byte[] second = {2, 3, 4};
        JsonNode created = client.post(
                        "/api/2.0/mlflow-artifacts/mpu/create/mpu-dir",
                        "{\"path\": \"/home/me/model.bin\", \"num_parts\": 2}")
                .assertOk();
        String uploadId = created.path("upload_id").asText();
        String etag1 = putPart(created.path("credentials").get(0).path("url").asText(), first);
        String etag2 = putPart(created.path("credentials").get(1).path("url").asText(), second);

        client.post("/api/2.0/mlflow-artifacts/mpu/complete/mpu-dir", """
                {"path": "/home/me/model.bin", "upload_id": "%s", "parts": [
                  {"part_number": 1, "etag": %s}, {"part_number": 2, "etag": %s}]}""".formatted(
                                uploadId,
                                ArtifactClient.JSON.writeValueAsString(etag1),
                                ArtifactClient.JSON.writeValueAsString(etag2)))
                .assertOk();

        byte[] stored = client.get(ARTIFACTS + "mpu-dir/model.bin").body();
        assertThat(stored).hasSize(first.length + 3);
        assertThat(Arrays.copyOfRange(stored, first.length, stored.length)).isEqualTo(second);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"..%2F..%2Fother", "%252e%252e/x", "a%5C..%5C..", "%2Fabs", "C:%5Cx"})
    void multipartTargetsOutsideTheDestinationAreRefused(String attack) {
        client.post("/api/2.0/mlflow-artifacts/mpu/create/" + attack, "{\"path\": \"x.bin\", \"num_parts\": 1}")
                .assertError(400, "INVALID_PARAMETER_VALUE");
        client.post("/api/2.0/mlflow-artifacts/mpu/create/dir", "{\"path\": \"..\", \"num_parts\": 1}")
                .assertError(400, "INVALID_PARAMETER_VALUE");
    }

    private static String putPart(String url, byte[] bytes) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.headers().firstValue("ETag").orElseThrow();
        }
    }
}

package dev.flowline.server.artifacts;

import static dev.flowline.server.http.RawConnection.ascii;
import static dev.flowline.server.http.RawConnection.randomBytes;
import static dev.flowline.server.http.RawConnection.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowline.server.http.FileSends;
import dev.flowline.server.http.RawConnection;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code HEAD} on every {@code GET} route answers the {@code GET}'s status and headers, with the length of the body
 * the {@code GET} would send, and no body: each test sends the {@code HEAD} and a {@code GET} in one write on one
 * connection, and the {@code GET}'s answer must come whole after the {@code HEAD}'s headers.
 */
class HeadRequestTest extends RawConnectionServerTest {
    private static final byte[] LARGE = randomBytes(2 * 1024 * 1024 + 3, 11);

    @BeforeAll
    static void storeTheArtifact() throws IOException {
        store("head/model.bin", LARGE);
    }

    @Test
    void healthAndVersionAnswerHeadWithTheirLength() throws IOException {
        assertHeadMatchesGet("/health");
        assertHeadMatchesGet("/version");
    }

    @Test
    void jsonApiAnswersHeadWithTheLengthOfItsBody() throws IOException {
        RawConnection.Response head = assertHeadMatchesGet("/api/2.0/mlflow/experiments/get?experiment_id=0");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.headers()).containsEntry("content-type", "application/json");
        assertHeadMatchesGet("/ajax-api/2.0/mlflow/experiments/search?max_results=10");
    }

    @Test
    void errorsAnswerHeadWithTheirStatusAndNoBody() throws IOException {
        assertThat(assertHeadMatchesGet("/api/2.0/mlflow/runs/get").status()).isEqualTo(400);
        assertThat(assertHeadMatchesGet("/api/2.0/mlflow/runs/get?run_id=0123456789abcdef0123456789abcdef")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anUnknownEndpointAnswersHeadWith404AndNoBody() throws IOException {
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send(request("HEAD", "/api/2.0/mlflow/no-such-endpoint"), request("GET", "/health"));
            RawConnection.Response head = connection.headResponse();
            assertThat(head.status()).isEqualTo(404);
            assertThat(head.headers())
                    .containsEntry("content-type", "application/json")
                    .containsEntry(
                            "content-length",
                            Integer.toString(
                                    "{\"error_code\":\"ENDPOINT_NOT_FOUND\",\"message\":\"No endpoint HEAD /api/2.0/mlflow/no-such-endpoint\"}"
                                            .length()));
            assertThat(connection.response().text()).isEqualTo("OK");
        }
    }

    @Test
    void aStreamedAnswerGetsTheLengthOfWhatItWouldStream() throws IOException {
        String runId;
        try (RawConnection connection = new RawConnection(server.port())) {
            byte[] body = ascii("{\"experiment_id\":\"0\",\"tags\":[{\"key\":\"t\",\"value\":\"v\"}]}");
            connection.send(
                    ascii("POST /api/2.0/mlflow/runs/create HTTP/1.1\r\nHost: localhost\r\n"
                            + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n"),
                    body);
            Matcher id = Pattern.compile("\"run_id\":\"(\\w{32})\"")
                    .matcher(connection.response().text());
            assertThat(id.find()).isTrue();
            runId = id.group(1);
        }
        assertHeadMatchesGet("/api/2.0/mlflow/runs/get?run_id=" + runId);
        assertHeadMatchesGet(ARTIFACTS.substring(0, ARTIFACTS.length() - 1) + "?path=head");
    }

    @Test
    void anArtifactAnswersHeadWithItsSizeWithoutSendingTheFile() throws IOException {
        long kernelBefore = FileSends.bytesSentByKernel();
        RawConnection.Response head = assertHeadMatchesGet(ARTIFACTS + "head/model.bin");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.headers())
                .containsEntry("content-length", Integer.toString(LARGE.length))
                .containsEntry("accept-ranges", "bytes")
                .containsEntry("content-disposition", "attachment; filename=\"model.bin\"");
        // The GET after the HEAD went out by sendfile; the HEAD sent nothing of the file.
        assertThat(FileSends.bytesSentByKernel() - kernelBefore).isLessThanOrEqualTo(LARGE.length);
    }

    @Test
    void aRangeAnswersHeadWithThePartsLength() throws IOException {
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send(
                    request("HEAD", ARTIFACTS + "head/model.bin", "Range: bytes=10-19"), request("GET", "/health"));
            RawConnection.Response head = connection.headResponse();
            assertThat(head.status()).isEqualTo(206);
            assertThat(head.headers())
                    .containsEntry("content-length", "10")
                    .containsEntry("content-range", "bytes 10-19/" + LARGE.length);
            assertThat(connection.response().text()).isEqualTo("OK");
        }
    }

    /** Sends HEAD then GET for the target on one connection; returns the HEAD's answer. */
    private static RawConnection.Response assertHeadMatchesGet(String target) throws IOException {
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send(request("HEAD", target), request("GET", target));
            RawConnection.Response head = connection.headResponse();
            RawConnection.Response get = connection.response();
            assertThat(head.status()).as("status of HEAD %s", target).isEqualTo(get.status());
            assertThat(head.headers().get("content-length"))
                    .as("Content-Length of HEAD %s", target)
                    .isEqualTo(Integer.toString(get.body().length));
            assertThat(withoutDate(head.headers())).isEqualTo(withoutDate(get.headers()));
            return head;
        }
    }

    private static Map<String, String> withoutDate(Map<String, String> headers) {
        Map<String, String> copy = new HashMap<>(headers);
        copy.remove("date");
        return copy;
    }
}

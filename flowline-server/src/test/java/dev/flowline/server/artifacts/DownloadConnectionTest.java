package dev.flowline.server.artifacts;

import static dev.flowline.server.http.RawConnection.randomBytes;
import static dev.flowline.server.http.RawConnection.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowline.server.http.FileSends;
import dev.flowline.server.http.RawConnection;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Downloads of local artifacts large enough to be sent by the kernel, on raw kept-alive connections: the bytes
 * arrive whole and in order after Helidon's headers, ranges start where asked, a reader slower than the server
 * (the socket fills and the send waits) gets every byte, and the connection goes on serving what follows.
 */
class DownloadConnectionTest extends RawConnectionServerTest {
    private static final byte[] LARGE = randomBytes(24 * 1024 * 1024 + 5, 7);

    @BeforeAll
    static void storeTheArtifact() throws IOException {
        store("models/weights.bin", LARGE);
    }

    @Test
    void aLargeDownloadArrivesWholeWithItsHeadersAndTheConnectionStaysOpen() throws IOException {
        try (RawConnection connection = new RawConnection(server.port())) {
            long kernelBefore = FileSends.bytesSentByKernel();
            connection.send(get("models/weights.bin"));
            RawConnection.Response download = connection.response();
            // Most of it went out by sendfile; the rest with the headers and while the socket was full.
            assertThat(FileSends.bytesSentByKernel() - kernelBefore).isGreaterThan(LARGE.length / 2);
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.headers())
                    .containsEntry("content-length", Integer.toString(LARGE.length))
                    .containsEntry("content-type", "application/octet-stream")
                    .containsEntry("accept-ranges", "bytes");
            assertThat(download.body()).isEqualTo(LARGE);

            connection.send(request("GET", "/health"));
            assertThat(connection.response().text()).isEqualTo("OK");
        }
    }

    @Test
    void aReaderSlowerThanTheServerGetsEveryByte() throws IOException, InterruptedException {
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send(get("models/weights.bin"));
            // The socket's buffers fill long before 24 MiB are sent; the server must wait for them to drain.
            Thread.sleep(500);
            assertThat(connection.response().body()).isEqualTo(LARGE);
        }
    }

    @Test
    void pipelinedRequestsAfterALargeDownloadAreAnsweredInOrder() throws IOException {
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send(
                    get("models/weights.bin"),
                    get("models/weights.bin", "Range: bytes=100-199"),
                    request("GET", "/health"));
            assertThat(connection.response().body()).isEqualTo(LARGE);
            assertThat(connection.response().body()).isEqualTo(Arrays.copyOfRange(LARGE, 100, 200));
            assertThat(connection.response().text()).isEqualTo("OK");
        }
    }

    @Test
    void aLargeRangeStartsAndEndsWhereAsked() throws IOException {
        int first = 3 * 1024 * 1024 + 11;
        int last = LARGE.length - 1000;
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send(get("models/weights.bin", "Range: bytes=" + first + "-" + last));
            RawConnection.Response range = connection.response();
            assertThat(range.status()).isEqualTo(206);
            assertThat(range.headers())
                    .containsEntry("content-range", "bytes " + first + "-" + last + "/" + LARGE.length)
                    .containsEntry("content-length", Integer.toString(last - first + 1));
            assertThat(range.body()).isEqualTo(Arrays.copyOfRange(LARGE, first, last + 1));

            connection.send(get("models/weights.bin", "Range: bytes=-" + (1024 * 1024)));
            assertThat(connection.response().body())
                    .isEqualTo(Arrays.copyOfRange(LARGE, LARGE.length - 1024 * 1024, LARGE.length));
        }
    }

    private static byte[] get(String path, String... headers) {
        return request("GET", ARTIFACTS + path, headers);
    }
}

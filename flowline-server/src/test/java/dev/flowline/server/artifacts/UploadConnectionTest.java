package dev.flowline.server.artifacts;

import static dev.flowline.server.http.RawConnection.ascii;
import static dev.flowline.server.http.RawConnection.randomBytes;
import static dev.flowline.server.http.RawConnection.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowline.server.http.RawConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Uploads on one raw HTTP/1.1 connection, as the server reads them from the socket in large pieces: bodies
 * arrive byte for byte, and the connection goes on serving the requests that follow them (keep-alive,
 * pipelining, chunked bodies, 100-continue, requests arriving a byte at a time).
 */
class UploadConnectionTest extends RawConnectionServerTest {

    @Test
    void aLargeUploadArrivesByteIdenticalAndTheConnectionStaysOpen() throws IOException {
        byte[] body = randomBytes(12 * 1024 * 1024 + 4321, 1);
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send(put("large/weights.bin", "Content-Length: " + body.length), body);
            assertThat(connection.response().text()).isEqualTo("{}");

            connection.send(get("large/weights.bin"));
            RawConnection.Response download = connection.response();
            assertThat(download.status()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(body);
            connection.send(get("large/weights.bin"));
            assertThat(connection.response().body()).isEqualTo(body);
        }
        assertThat(Files.readAllBytes(stored("large/weights.bin"))).isEqualTo(body);
    }

    @Test
    void aChunkedUploadArrivesByteIdenticalAndTheConnectionStaysOpen() throws IOException {
        byte[] body = randomBytes(3 * 1024 * 1024 + 17, 2);
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send(put("chunked/data.bin", "Transfer-Encoding: chunked"));
            // chunks smaller and larger than one socket read, split across the writes
            int[] sizes = {1, 7, 300_000, 131_072, 131_073, 65_536, 1_000_000};
            int offset = 0;
            for (int i = 0; offset < body.length; i++) {
                int size = Math.min(sizes[i % sizes.length], body.length - offset);
                connection.send(
                        ascii(Integer.toHexString(size) + "\r\n"),
                        Arrays.copyOfRange(body, offset, offset + size),
                        ascii("\r\n"));
                offset += size;
            }
            connection.send(ascii("0\r\n\r\n"));
            assertThat(connection.response().text()).isEqualTo("{}");

            connection.send(get("chunked/data.bin"));
            assertThat(connection.response().body()).isEqualTo(body);
        }
        assertThat(Files.readAllBytes(stored("chunked/data.bin"))).isEqualTo(body);
    }

    @Test
    void pipelinedRequestsAfterAnUploadAreAnsweredInOrder() throws IOException {
        byte[] first = randomBytes(200_000, 3);
        byte[] second = "second".getBytes(StandardCharsets.US_ASCII);
        try (RawConnection connection = new RawConnection(server.port())) {
            // one write holding two uploads, a download and a health check
            connection.send(
                    put("pipelined/first.bin", "Content-Length: " + first.length),
                    first,
                    put("pipelined/second.txt", "Content-Length: " + second.length),
                    second,
                    get("pipelined/first.bin"),
                    request("GET", "/health"));

            assertThat(connection.response().text()).isEqualTo("{}");
            assertThat(connection.response().text()).isEqualTo("{}");
            assertThat(connection.response().body()).isEqualTo(first);
            assertThat(connection.response().text()).isEqualTo("OK");
        }
        assertThat(Files.readAllBytes(stored("pipelined/second.txt"))).isEqualTo(second);
    }

    @Test
    void anUploadExpectingContinueGetsItBeforeSendingTheBody() throws IOException {
        byte[] body = randomBytes(500_000, 4);
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send(put("continue/file.bin", "Content-Length: " + body.length + "\r\nExpect: 100-continue"));
            assertThat(connection.response().status()).isEqualTo(100);

            connection.send(body);
            assertThat(connection.response().text()).isEqualTo("{}");
        }
        assertThat(Files.readAllBytes(stored("continue/file.bin"))).isEqualTo(body);
    }

    @Test
    void aRequestArrivingOneByteAtATimeIsServed() throws IOException {
        byte[] request = ascii("PUT " + ARTIFACTS + "trickle/a.txt HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Length: 5\r\n\r\nhello");
        try (RawConnection connection = new RawConnection(server.port())) {
            for (byte b : request) {
                connection.send(new byte[] {b});
            }
            assertThat(connection.response().text()).isEqualTo("{}");
        }
        assertThat(Files.readString(stored("trickle/a.txt"))).isEqualTo("hello");
    }

    @Test
    void anUploadCutShortLeavesNoFileAndOtherConnectionsAreServed() throws IOException {
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send(put("cut/short.bin", "Content-Length: 1000000"), randomBytes(400_000, 5));
        }
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send(request("GET", "/health"));
            assertThat(connection.response().text()).isEqualTo("OK");
        }
        assertThat(stored("cut/short.bin")).doesNotExist();
    }

    private static byte[] put(String path, String headers) {
        return ascii("PUT " + ARTIFACTS + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n\r\n");
    }

    private static byte[] get(String path) {
        return request("GET", ARTIFACTS + path);
    }
}

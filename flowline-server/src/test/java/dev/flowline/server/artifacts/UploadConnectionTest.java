package dev.flowline.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowline.core.artifacts.ArtifactSettings;
import dev.flowline.server.FlowlineServer;
import dev.flowline.server.ServerConfig;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads on one raw HTTP/1.1 connection, as the server reads them from the socket in large pieces: bodies
 * arrive byte for byte, and the connection goes on serving the requests that follow them (keep-alive,
 * pipelining, chunked bodies, 100-continue, requests arriving a byte at a time).
 */
class UploadConnectionTest {
    private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts/";

    @TempDir
    static Path directory;

    static FlowlineServer server;

    @BeforeAll
    static void startServer() {
        server = FlowlineServer.start(ServerConfig.embeddedDefault()
                .withPort(0)
                .withBackendStoreUri(URI.create("sqlite:///" + directory.resolve("mlflow.db")))
                .withArtifacts(null, true, directory.resolve("mlartifacts").toString(), false)
                .withArtifactSettings(ArtifactSettings.none()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aLargeUploadArrivesByteIdenticalAndTheConnectionStaysOpen() throws IOException {
        byte[] body = randomBytes(12 * 1024 * 1024 + 4321, 1);
        try (Connection connection = new Connection()) {
            connection.send(put("large/weights.bin", "Content-Length: " + body.length), body);
            assertThat(connection.response().text()).isEqualTo("{}");

            connection.send(get("large/weights.bin"));
            Response download = connection.response();
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
        try (Connection connection = new Connection()) {
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
        try (Connection connection = new Connection()) {
            // one write holding two uploads, a download and a health check
            connection.send(
                    put("pipelined/first.bin", "Content-Length: " + first.length),
                    first,
                    put("pipelined/second.txt", "Content-Length: " + second.length),
                    second,
                    get("pipelined/first.bin"),
                    ascii("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"));

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
        try (Connection connection = new Connection()) {
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
        try (Connection connection = new Connection()) {
            for (byte b : request) {
                connection.send(new byte[] {b});
            }
            assertThat(connection.response().text()).isEqualTo("{}");
        }
        assertThat(Files.readString(stored("trickle/a.txt"))).isEqualTo("hello");
    }

    @Test
    void anUploadCutShortLeavesNoFileAndOtherConnectionsAreServed() throws IOException {
        try (Connection connection = new Connection()) {
            connection.send(put("cut/short.bin", "Content-Length: 1000000"), randomBytes(400_000, 5));
        }
        try (Connection connection = new Connection()) {
            connection.send(ascii("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"));
            assertThat(connection.response().text()).isEqualTo("OK");
        }
        assertThat(stored("cut/short.bin")).doesNotExist();
    }

    private static Path stored(String path) {
        return directory.resolve("mlartifacts").resolve(path);
    }

    private static byte[] put(String path, String headers) {
        return ascii("PUT " + ARTIFACTS + path + " HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n\r\n");
    }

    private static byte[] get(String path) {
        return ascii("GET " + ARTIFACTS + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private record Response(int status, byte[] body) {
        String text() {
            assertThat(status)
                    .as("status of %s", new String(body, StandardCharsets.UTF_8))
                    .isEqualTo(200);
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One kept-alive connection: writes raw bytes, reads answers framed by Content-Length or chunked. */
    private static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Connection() throws IOException {
            socket = new Socket("127.0.0.1", server.port());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        void send(byte[]... parts) throws IOException {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (byte[] part : parts) {
                all.write(part);
            }
            out.write(all.toByteArray());
            out.flush();
        }

        Response response() throws IOException {
            String statusLine = line();
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            Map<String, String> headers = new HashMap<>();
            for (String header; !(header = line()).isEmpty(); ) {
                int colon = header.indexOf(':');
                headers.put(
                        header.substring(0, colon).toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).trim());
            }
            if (status == 100) {
                return new Response(status, new byte[0]);
            }
            if ("chunked".equals(headers.get("transfer-encoding"))) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                for (int size; (size = Integer.parseInt(line(), 16)) > 0; ) {
                    body.write(in.readNBytes(size));
                    line();
                }
                line();
                return new Response(status, body.toByteArray());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            assertThat(body).hasSize(length);
            return new Response(status, body);
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = in.read()) != '\n'; ) {
                assertThat(b).as("connection open").isNotNegative();
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}

package dev.flowline.server.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 2 GiB artifact goes up and comes back down through a server whose heap is capped at 256 MiB (in its
 * own JVM): only streaming can pass this.
 */
class LargeArtifactTest {
    private static final long SIZE = 2L * 1024 * 1024 * 1024 + 12345;

    @TempDir
    static Path directory;

    static Process server;
    static String base;

    @BeforeAll
    static void startSmallHeapServer() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        server = new ProcessBuilder(List.of(
                        java,
                        "-Xmx256m",
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SmallHeapServerMain.class.getName(),
                        directory.toString()))
                .redirectErrorStream(true)
                .start();
        BufferedReader output =
                new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = output.readLine()) != null && !line.startsWith("PORT ")) {
            System.out.println("[server] " + line);
        }
        assertThat(line).as("server started").isNotNull();
        base = "http://127.0.0.1:" + line.substring(5).trim();
        Thread drain = new Thread(() -> output.lines().forEach(l -> System.out.println("[server] " + l)));
        drain.setDaemon(true);
        drain.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void aTwoGigabyteArtifactStreamsUpAndDownThroughA256MegabyteHeap() throws Exception {
        String url = base + "/api/2.0/mlflow-artifacts/artifacts/big/model.bin";
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> upload = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                    HttpRequest.BodyPublishers.ofInputStream(PatternStream::new), SIZE))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
            assertThat(Files.size(directory.resolve("mlartifacts/big/model.bin")))
                    .isEqualTo(SIZE);

            HttpResponse<InputStream> download = http.send(
                    HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
            try (InputStream body = download.body()) {
                assertThat(crc(body)).isEqualTo(crc(new PatternStream()));
            }
            assertThat(http.send(
                                    HttpRequest.newBuilder(URI.create(base + "/health"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body())
                    .isEqualTo("OK");
        }
        assertThat(server.isAlive()).isTrue();
    }

    private static long crc(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            crc.update(buffer, 0, n);
            total += n;
        }
        assertThat(total).isEqualTo(SIZE);
        return crc.getValue();
    }

    /** {@link #SIZE} bytes of a pattern that is not periodic at any buffer size, generated on the fly. */
    private static final class PatternStream extends InputStream {
        private long position;

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= SIZE) {
                return -1;
            }
            int n = (int) Math.min(length, SIZE - position);
            for (int i = 0; i < n; i++) {
                long p = position + i;
                buffer[offset + i] = (byte) (p ^ (p >>> 11) ^ (p >>> 23));
            }
            position += n;
            return n;
        }
    }
}

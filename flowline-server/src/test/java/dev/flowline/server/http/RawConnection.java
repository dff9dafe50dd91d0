package dev.flowline.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** One kept-alive connection: writes raw bytes, reads answers framed by Content-Length or chunked. */
public final class RawConnection implements AutoCloseable {
    /** An answer: its status, headers (names in lower case) and body. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        /** The body as text, asserting a 200. */
        public String text() {
            assertThat(status)
                    .as("status of %s", new String(body, StandardCharsets.UTF_8))
                    .isEqualTo(200);
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(60_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public void send(byte[]... parts) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.write(part);
        }
        out.write(all.toByteArray());
        out.flush();
    }

    public Response response() throws IOException {
        Response head = headResponse();
        int status = head.status();
        Map<String, String> headers = head.headers();
        if (status == 100) {
            return head;
        }
        if ("chunked".equals(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size; (size = Integer.parseInt(line(), 16)) > 0; ) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
            return new Response(status, headers, body.toByteArray());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        assertThat(body).hasSize(length);
        return new Response(status, headers, body);
    }

    /** The next answer, read as the answer to a request of {@code method}: without a body for {@code HEAD}. */
    public Response answerTo(String method) throws IOException {
        return method.equals("HEAD") ? headResponse() : response();
    }

    /** An answer without a body, whatever its headers say: the answer to a {@code HEAD} request. */
    public Response headResponse() throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (String header; !(header = line()).isEmpty(); ) {
            int colon = header.indexOf(':');
            headers.put(
                    header.substring(0, colon).toLowerCase(Locale.ROOT),
                    header.substring(colon + 1).trim());
        }
        return new Response(status, headers, new byte[0]);
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

    /** A request without a body: its line, {@code Host} and the given header lines ({@code "Range: bytes=0-9"}). */
    public static byte[] request(String method, String target, String... headers) {
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        return ascii(request.append("\r\n").toString());
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}

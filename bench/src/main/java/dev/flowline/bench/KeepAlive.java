package dev.flowline.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Checks on a raw socket that the server answers several HTTP/1.1 requests on one connection. */
public final class KeepAlive {
    private KeepAlive() {}

    /** Whether {@code requests} GETs of {@code /health} are all answered on one connection. */
    public static boolean honoured(URI base, int requests) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < requests; i++) {
                out.write(("GET /health HTTP/1.1\r\nHost: " + base.getHost() + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String head = readHead(in);
                if (!head.startsWith("HTTP/1.1 200") || head.toLowerCase().contains("connection: close")) {
                    return false;
                }
                in.readNBytes(contentLength(head));
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(
                        line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }
}

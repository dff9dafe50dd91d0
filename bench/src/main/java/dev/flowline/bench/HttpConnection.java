package dev.flowline.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One kept-alive HTTP/1.1 connection over a plain socket: writes a request, reads the whole answer (by
 * {@code Content-Length} or chunked), and stays open for the next request unless the server closes it. The
 * benchmark client runs on the same cores as the server, so it does no more per request than a lean real
 * client would: no header maps, no futures, no selector thread.
 */
final class HttpConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean reusable = true;

    HttpConnection(String host, int port, int timeoutMillis) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket.setSoTimeout(timeoutMillis);
        in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /** Whether the connection may carry another request. */
    boolean reusable() {
        return reusable;
    }

    /**
     * Sends one request and reads its answer.
     *
     * @param head the request line and headers, ending with the empty line
     * @param body null for none
     * @throws NoAnswer when the server closed the connection before answering, so the request may be resent
     */
    HttpResponse exchange(byte[] head, byte[] body) throws IOException {
        int first;
        try {
            out.write(head);
            if (body != null) {
                out.write(body);
            }
            out.flush();
            first = in.read();
        } catch (IOException e) {
            reusable = false;
            throw new NoAnswer(e);
        }
        if (first < 0) {
            reusable = false;
            throw new NoAnswer(new EOFException("connection closed"));
        }
        try {
            return readAnswer(first);
        } catch (IOException | RuntimeException e) {
            reusable = false;
            throw e;
        }
    }

    private HttpResponse readAnswer(int first) throws IOException {
        String statusLine = (char) first + line();
        // "HTTP/1.1 200 OK"
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" ->
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> reusable &= !value.equalsIgnoreCase("close");
                default -> {}
            }
        }
        byte[] body;
        if (chunked) {
            body = chunkedBody();
        } else if (length >= 0) {
            body = in.readNBytes((int) length);
            if (body.length != length) {
                throw new EOFException("answer body cut short");
            }
        } else {
            body = in.readAllBytes();
            reusable = false;
        }
        return new HttpResponse(status, body);
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int extension = size.indexOf(';');
            int length = Integer.parseInt((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
            if (length == 0) {
                // Trailers, if any, end with an empty line.
                while (!line().isEmpty()) {}
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(length);
            if (chunk.length != length) {
                throw new EOFException("chunk cut short");
            }
            body.writeBytes(chunk);
            line();
        }
    }

    /** One line without its CRLF. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed mid-answer");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing a socket that is already broken has nothing left to release.
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The server closed a kept-alive connection before answering; nothing of the request was processed. */
    static final class NoAnswer extends IOException {
        NoAnswer(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}

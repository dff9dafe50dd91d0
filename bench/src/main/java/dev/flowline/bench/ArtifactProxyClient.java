package dev.flowline.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP/1.1 client for the artifact proxy's {@code PUT} and {@code GET} on one kept-alive connection, built so
 * that the client is not what limits a transfer: uploads go from the file to the socket with {@code sendfile}
 * ({@link FileChannel#transferTo}), downloads from the socket to the file through one direct buffer, so no body
 * byte is copied into the Java heap on either way.
 */
final class ArtifactProxyClient implements AutoCloseable {
    private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts/";

    private final SocketChannel channel;
    private final String host;
    /** Bytes received and not consumed yet, between position and limit. */
    private final ByteBuffer received;

    /**
     * @param bufferBytes size of the receive buffer, the same as the raw copy's so both move data alike
     */
    ArtifactProxyClient(URI base, int bufferBytes) throws IOException {
        channel = SocketChannel.open(new InetSocketAddress(base.getHost(), base.getPort()));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        host = base.getHost() + ":" + base.getPort();
        received = ByteBuffer.allocateDirect(bufferBytes).limit(0);
    }

    /** Uploads the whole file to the artifact path. */
    void upload(String path, FileChannel source) throws IOException {
        long size = source.size();
        sendHead("PUT", path, "Content-Type: application/octet-stream\r\nContent-Length: " + size + "\r\n");
        for (long sent = 0; sent < size; ) {
            sent += source.transferTo(sent, size - sent, channel);
        }
        skip(readHead("PUT", path));
    }

    /** Downloads the artifact at the path into the file, from its start; returns the number of bytes. */
    long download(String path, FileChannel target) throws IOException {
        sendHead("GET", path, "");
        long length = readHead("GET", path);
        // Whole buffers at buffer-aligned file positions, as a plain file copy writes them: writing whatever
        // each socket read returned would copy into the page cache at arbitrary offsets, which costs more.
        received.compact();
        for (long position = 0; position < length; ) {
            received.limit((int) Math.min(received.capacity(), length - position));
            while (received.hasRemaining()) {
                if (channel.read(received) < 0) {
                    throw new EOFException("The server closed the connection after " + position + " bytes");
                }
            }
            received.flip();
            while (received.hasRemaining()) {
                position += target.write(received, position);
            }
            received.clear();
        }
        received.limit(0);
        return length;
    }

    private void sendHead(String method, String path, String headers) throws IOException {
        ByteBuffer head = ByteBuffer.wrap(
                (method + " " + ARTIFACTS + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + headers + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        while (head.hasRemaining()) {
            channel.write(head);
        }
    }

    /** Reads a response head, fails on anything but 200, and returns its Content-Length. */
    private long readHead(String method, String path) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || head.lastIndexOf("\r\n\r\n") != head.length() - 4) {
            fill();
            head.append((char) received.get());
        }
        String[] lines = head.toString().split("\r\n");
        if (!lines[0].startsWith("HTTP/1.1 200 ")) {
            throw new IOException(method + " " + path + " answered " + lines[0]);
        }
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                return Long.parseLong(line.substring("content-length:".length()).trim());
            }
            if (lower.startsWith("connection:") && lower.contains("close")) {
                throw new IOException(method + " " + path + " closed the connection");
            }
        }
        throw new IOException(method + " " + path + " answered without a Content-Length");
    }

    private void skip(long length) throws IOException {
        for (long left = length; left > 0; ) {
            fill();
            int n = (int) Math.min(received.remaining(), left);
            received.position(received.position() + n);
            left -= n;
        }
    }

    /** Makes at least one received byte available. */
    private void fill() throws IOException {
        if (received.hasRemaining()) {
            return;
        }
        received.clear();
        int n = channel.read(received);
        received.flip();
        if (n < 0) {
            throw new EOFException("The server closed the connection");
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

package dev.flowline.server.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends part of a file as a response body with the kernel's {@code sendfile}: the bytes go from the page cache to
 * the socket without passing through the JVM. Helidon still writes the status line and headers, with the first
 * bytes of the body, through the response's stream; the rest goes to the connection's channel.
 */
public final class FileSends {
    /** Body bytes sent with the headers through Helidon's stream. */
    private static final int HEAD_BYTES = 64 * 1024;
    /** Bytes written through a buffer when the socket is full, so that the thread waits for it to drain. */
    private static final int WAIT_BYTES = 64 * 1024;

    private static final LongAdder SENT_BY_KERNEL = new LongAdder();

    private FileSends() {}

    /** Body bytes sent by {@code sendfile} since the server started, which never passed through the JVM. */
    public static long bytesSentByKernel() {
        return SENT_BY_KERNEL.sum();
    }

    /**
     * Sends {@code length} bytes of {@code file} from {@code position}. The response's Content-Length must be set
     * to {@code length}; the response stream is left for the caller to close.
     */
    public static void send(OutputStream response, FileChannel file, long position, long length, SocketChannel socket)
            throws IOException {
        int head = (int) Math.min(HEAD_BYTES, length);
        ByteBuffer first = ByteBuffer.allocate(head);
        readFully(file, first, position);
        response.write(first.array(), 0, head);
        response.flush();
        long sent = head;
        ByteBuffer waiting = null;
        while (sent < length) {
            long n = file.transferTo(position + sent, length - sent, socket);
            if (n > 0) {
                sent += n;
                SENT_BY_KERNEL.add(n);
                continue;
            }
            // The socket is full. A virtual thread's channel is non-blocking underneath, so sendfile does not wait
            // for it to drain; a write does (parking the thread), so the next bytes go through a buffer.
            if (waiting == null) {
                waiting = ByteBuffer.allocateDirect(WAIT_BYTES);
            }
            waiting.clear().limit((int) Math.min(WAIT_BYTES, length - sent));
            readFully(file, waiting, position + sent);
            waiting.flip();
            while (waiting.hasRemaining()) {
                sent += socket.write(waiting);
            }
        }
    }

    private static void readFully(FileChannel file, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = file.read(buffer, at);
            if (n < 0) {
                throw new EOFException("The file ended at byte " + at + " while it was being sent");
            }
            at += n;
        }
    }
}

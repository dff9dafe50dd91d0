package dev.flowline.server.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.webserver.ServerConnectionException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The bytes of one connection for a {@link DataReader}: first whatever Helidon's own reader already took
 * while choosing the protocol, then one socket read per call. Reads start at Helidon's 8 KiB, so a
 * connection of small API calls holds no more memory than before, and grow to {@link #READ_BYTES} once a
 * read fills its buffer (a body is streaming in). Each call returns a new array of exactly the bytes read,
 * as the reader keeps and hands out the arrays it gets.
 */
final class SocketReads implements Supplier<byte[]> {
    /** The most the JDK's socket stream reads per system call (its direct buffer is capped there). */
    static final int READ_BYTES = 128 * 1024;

    private static final int FIRST_READ_BYTES = 8 * 1024;

    private final DataReader detected;
    private final HelidonSocket socket;
    private int readBytes = FIRST_READ_BYTES;
    private byte[] buffer;

    SocketReads(DataReader detected, HelidonSocket socket) {
        this.detected = detected;
        this.socket = socket;
    }

    @Override
    public byte[] get() {
        int buffered = detected.available();
        if (buffered > 0) {
            return detected.readBytes(buffered);
        }
        if (buffer == null) {
            buffer = new byte[readBytes];
        }
        int read;
        try {
            read = socket.read(BufferData.create(buffer, 0, buffer.length).clear());
        } catch (UncheckedIOException e) {
            // What Helidon's own reader throws, so the connection ends as it would have.
            throw new ServerConnectionException("Failed to get data from socket", e);
        }
        if (read < 0) {
            return null;
        }
        if (read == 0) {
            throw new IllegalStateException("Read 0 bytes, this should never happen with blocking socket");
        }
        if (read < buffer.length) {
            return Arrays.copyOf(buffer, read);
        }
        // A full read hands the buffer itself over, without a copy; more is likely waiting, so the next
        // read gets a new buffer of the full size.
        byte[] full = buffer;
        buffer = null;
        readBytes = READ_BYTES;
        return full;
    }
}

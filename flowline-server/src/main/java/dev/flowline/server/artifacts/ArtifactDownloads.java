package dev.flowline.server.artifacts;

import dev.flowline.core.artifacts.ArtifactContent;
import dev.flowline.server.http.ConnectionChannels;
import dev.flowline.server.http.FileSends;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Streams an artifact into a response: Content-Type from the name, Content-Length, a single byte
 * {@code Range} answered with 206, and (as MLflow) sent as an attachment the browser must not sniff.
 * Memory stays at one copy buffer whatever the file's size; a local file of more than 256 KiB is not copied at
 * all, but handed to the kernel ({@link FileSends}).
 */
final class ArtifactDownloads {
    /** Smaller artifacts are copied: setting up a kernel send costs more than copying them. */
    private static final long KERNEL_SEND_MIN_BYTES = 256 * 1024;

    private ArtifactDownloads() {}

    /**
     * @param open opens the artifact from the given offset; called once, after the size is known from a
     *             first open at offset 0 only when a range is asked for
     */
    static void send(ServerRequest req, ServerResponse res, String path, LongFunction<ArtifactContent> open)
            throws IOException {
        Optional<String> rangeHeader = req.headers().first(HeaderNames.RANGE);
        ArtifactContent content = open.apply(0);
        try {
            long size = content.size();
            Optional<ByteRange.Parsed> parsed = ByteRange.parse(rangeHeader, size);
            res.header(HeaderNames.ACCEPT_RANGES, "bytes");
            res.header(HeaderNames.CONTENT_TYPE, ContentTypes.of(path));
            res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName(path) + "\"");
            res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
            if (parsed.isPresent() && !parsed.get().satisfiable()) {
                res.status(Status.REQUESTED_RANGE_NOT_SATISFIABLE_416);
                res.header(HeaderNames.CONTENT_RANGE, "bytes */" + size);
                res.send();
                return;
            }
            long first = 0;
            long length = size;
            if (parsed.isPresent()) {
                ByteRange range = parsed.get().range();
                first = range.first();
                length = range.length();
                res.status(Status.PARTIAL_CONTENT_206);
                res.header(HeaderNames.CONTENT_RANGE, "bytes " + range.first() + "-" + range.last() + "/" + size);
            }
            res.header(HeaderNames.CONTENT_LENGTH, Long.toString(length));
            if (req.prologue().method() == Method.HEAD) {
                res.send();
                return;
            }
            if (first > 0) {
                content.close();
                content = open.apply(first);
            }
            try (OutputStream out = res.outputStream()) {
                FileChannel file = content.file();
                Optional<SocketChannel> socket = ConnectionChannels.current();
                // An encoded response (none is configured today) must get every byte through its encoder.
                boolean encoded = res.headers().contains(HeaderNames.CONTENT_ENCODING);
                if (file != null && socket.isPresent() && !encoded && length > KERNEL_SEND_MIN_BYTES) {
                    FileSends.send(out, file, first, length, socket.get());
                } else {
                    copy(content.stream(), out, length);
                }
            }
        } finally {
            content.close();
        }
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("Artifact ended " + left + " bytes early");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1).replace("\"", "");
    }
}

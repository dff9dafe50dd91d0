package dev.flowline.core.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * An open artifact: a stream of its bytes (from {@code offset} on) and the artifact's whole size.
 * The caller closes it.
 *
 * @param stream the bytes, starting at {@code offset}
 * @param size   the artifact's total size in bytes
 * @param offset the position the stream starts at
 * @param file   the same bytes as an open local file, when the artifact is one (closed with the stream), so that
 *               a server can hand the file to the kernel instead of copying it through the stream; {@code null}
 *               otherwise
 */
public record ArtifactContent(InputStream stream, long size, long offset, FileChannel file) implements AutoCloseable {
    public ArtifactContent {
        Objects.requireNonNull(stream, "stream");
    }

    /** An artifact read only as a stream (a remote store's object). */
    public ArtifactContent(InputStream stream, long size, long offset) {
        this(stream, size, offset, null);
    }

    @Override
    public void close() throws IOException {
        try {
            stream.close();
        } finally {
            if (file != null) {
                file.close();
            }
        }
    }
}

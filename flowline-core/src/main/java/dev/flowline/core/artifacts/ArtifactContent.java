package dev.flowline.core.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An open artifact: a stream of its bytes (from {@code offset} on) and the artifact's whole size.
 * The caller closes it.
 *
 * @param stream the bytes, starting at {@code offset}
 * @param size   the artifact's total size in bytes
 * @param offset the position the stream starts at
 */
public record ArtifactContent(InputStream stream, long size, long offset) implements AutoCloseable {
    public ArtifactContent {
        Objects.requireNonNull(stream, "stream");
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}

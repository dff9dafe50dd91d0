package dev.flowline.core.artifacts;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A place artifacts are kept (a local directory, an S3 prefix, …). Paths are relative to the
 * repository's root, '/'-separated, and already checked by {@link ArtifactPaths}: implementations trust
 * them, but must still never touch anything outside their root.
 *
 * <p>Everything streams: no implementation holds a whole artifact in memory.
 * Optional features are separate interfaces, e.g. {@link MultipartArtifactRepository}.
 */
public interface ArtifactRepository {

    /** The repository's root URI, e.g. {@code file:///data/mlartifacts} or {@code s3://bucket/prefix}. */
    String rootUri();

    /**
     * Stores the stream's bytes at the path, replacing what was there. Readers see the old or the new
     * artifact, never a part of one.
     *
     * @param length the number of bytes the stream holds, or -1 if not known; a stream that ends early
     *               fails the write and leaves nothing behind
     */
    void put(String path, InputStream content, long length) throws IOException;

    /**
     * Opens the artifact at the path for reading from {@code offset} on.
     *
     * @throws java.io.FileNotFoundException if there is no file at the path (a directory is not one)
     */
    ArtifactContent open(String path, long offset) throws IOException;

    /** Opens the whole artifact at the path. */
    default ArtifactContent open(String path) throws IOException {
        return open(path, 0);
    }

    /**
     * The direct children of the directory at the path ("" for the root), files with their sizes; paths
     * in the result are relative to the root. A missing directory or a file lists as empty.
     */
    List<FileInfo> list(String path) throws IOException;

    /** Deletes the file, or the directory with everything under it, at the path; a missing path is no error. */
    void delete(String path) throws IOException;
}

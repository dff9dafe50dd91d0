package dev.flowline.core.artifacts;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Artifacts in a directory on local disk. Writes go to a temporary file next to the target and are moved
 * into place, so readers never see half a file; no path, and no symbolic link inside the directory, can
 * lead outside it.
 */
public final class LocalArtifactRepository implements ArtifactRepository {
    /** Prefix of in-progress uploads; they are not listed. */
    static final String UPLOAD_PREFIX = ".flowline-upload-";
    /**
     * Fewer write calls for the large files artifacts often are, yet small enough that the buffer and the JDK's
     * native copy of it stay in the CPU's L2 cache between the copies.
     */
    private static final int COPY_BUFFER_BYTES = 256 * 1024;

    private final Path root;

    public LocalArtifactRepository(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public String rootUri() {
        return root.toUri().toString();
    }

    @Override
    public void put(String path, InputStream content, long length) throws IOException {
        Path target = resolve(path);
        if (target.equals(root)) {
            throw new IOException("An artifact needs a file name");
        }
        Files.createDirectories(target.getParent());
        checkInsideRoot(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), UPLOAD_PREFIX, ".tmp");
        try {
            long written = 0;
            byte[] buffer = new byte[COPY_BUFFER_BYTES];
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                // An HTTP body arrives a few KiB per read; filling the buffer first makes one write call per buffer.
                for (int n; (n = content.readNBytes(buffer, 0, buffer.length)) > 0; ) {
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                    while (chunk.hasRemaining()) {
                        written += out.write(chunk);
                    }
                }
            }
            if (length >= 0 && written != length) {
                throw new IOException("Upload ended after " + written + " of " + length + " bytes");
            }
            if (Files.isSymbolicLink(target)) {
                Files.delete(target);
            }
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public ArtifactContent open(String path, long offset) throws IOException {
        Path file = existing(path);
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException(path);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            channel.position(Math.min(offset, size));
            return new ArtifactContent(Channels.newInputStream(channel), size, offset, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public List<FileInfo> list(String path) throws IOException {
        Path dir;
        try {
            dir = existing(path);
        } catch (FileNotFoundException e) {
            return List.of();
        }
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<FileInfo> result = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(dir)) {
            for (Path child : children) {
                String name = child.getFileName().toString();
                if (name.startsWith(UPLOAD_PREFIX) || !isInsideRoot(child)) {
                    continue;
                }
                String relative = path.isEmpty() ? name : path + "/" + name;
                BasicFileAttributes attributes = Files.readAttributes(child, BasicFileAttributes.class);
                result.add(
                        attributes.isDirectory()
                                ? FileInfo.directory(relative)
                                : FileInfo.file(relative, attributes.size()));
            }
        }
        result.sort(Comparator.comparing(FileInfo::path));
        return result;
    }

    @Override
    public void delete(String path) throws IOException {
        Path target;
        try {
            target = existing(path);
        } catch (FileNotFoundException e) {
            return;
        }
        if (target.equals(root)) {
            try (Stream<Path> children = Files.list(root)) {
                for (Path child : children.toList()) {
                    deleteTree(child);
                }
            }
            return;
        }
        deleteTree(target);
    }

    /** Deletes a file or a directory tree; symbolic links are removed, never followed. */
    private static void deleteTree(Path target) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> children = Files.list(target)) {
                for (Path child : children.toList()) {
                    deleteTree(child);
                }
            }
        }
        Files.deleteIfExists(target);
    }

    /** The path under the root, refusing anything that normalises to outside it. */
    private Path resolve(String path) throws IOException {
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root)) {
            throw new FileNotFoundException("Path leaves the artifact root: " + path);
        }
        return resolved;
    }

    /** An existing path under the root whose real location (after links) is still inside the root. */
    private Path existing(String path) throws IOException {
        Path resolved = resolve(path);
        if (!Files.exists(resolved)) {
            throw new FileNotFoundException(path);
        }
        checkInsideRoot(resolved);
        return resolved;
    }

    private void checkInsideRoot(Path path) throws IOException {
        if (!isInsideRoot(path)) {
            throw new FileNotFoundException("Path leaves the artifact root through a link: " + root.relativize(path));
        }
    }

    private boolean isInsideRoot(Path path) throws IOException {
        try {
            return path.toRealPath().startsWith(root.toRealPath());
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}

package dev.flowline.core.artifacts;

import java.util.Objects;

/**
 * One entry of an artifact listing, as MLflow's {@code FileInfo}.
 *
 * @param path     path relative to the repository root, '/'-separated
 * @param isDir    whether the entry is a directory
 * @param fileSize size in bytes for files, null for directories
 */
public record FileInfo(String path, boolean isDir, Long fileSize) {
    public FileInfo {
        Objects.requireNonNull(path, "path");
    }

    public static FileInfo file(String path, long size) {
        return new FileInfo(path, false, size);
    }

    public static FileInfo directory(String path) {
        return new FileInfo(path, true, null);
    }
}

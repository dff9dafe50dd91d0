package dev.flowline.core.artifacts;

import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * The artifact proxy's service ({@code /mlflow-artifacts/*}): every path is checked by {@link ArtifactPaths}
 * before the destination repository sees it, and failures become MLflow's errors.
 */
public final class ProxiedArtifacts {
    private final ArtifactRepository destination;

    public ProxiedArtifacts(ArtifactRepository destination) {
        this.destination = Objects.requireNonNull(destination, "destination");
    }

    public ArtifactRepository destination() {
        return destination;
    }

    public void upload(String path, InputStream content, long length) {
        put(destination, requireFilePath(path), content, length);
    }

    /** Opens a file for download from {@code offset} on. */
    public ArtifactContent download(String path, long offset) {
        return open(destination, requireFilePath(path), offset);
    }

    /** The directory's entries, named by their base names as MLflow's proxy lists them. */
    public List<FileInfo> list(String path) {
        String safe = ArtifactPaths.validate(path);
        return list(destination, safe).stream()
                .map(f -> new FileInfo(f.path().substring(f.path().lastIndexOf('/') + 1), f.isDir(), f.fileSize()))
                .toList();
    }

    public void delete(String path) {
        String safe = requireFilePath(path);
        try {
            destination.delete(safe);
        } catch (IOException e) {
            throw new FlowlineException(ErrorCode.INTERNAL_ERROR, "Failed to delete artifact '" + safe + "'", e);
        }
    }

    public MultipartArtifactRepository.MultipartUpload createMultipartUpload(
            String path, String fileName, int numParts) {
        String target = multipartTarget(path, fileName);
        if (numParts < 1 || numParts > 10_000) {
            throw FlowlineException.invalidParameter("num_parts must be between 1 and 10000, got %d", numParts);
        }
        try {
            return multipart().createMultipartUpload(target, numParts);
        } catch (IOException e) {
            throw new FlowlineException(
                    ErrorCode.INTERNAL_ERROR, "Failed to start a multipart upload to '" + target + "'", e);
        }
    }

    public void completeMultipartUpload(
            String path, String fileName, String uploadId, List<MultipartArtifactRepository.UploadedPart> parts) {
        String target = multipartTarget(path, fileName);
        try {
            multipart().completeMultipartUpload(target, uploadId, parts);
        } catch (IOException e) {
            throw new FlowlineException(
                    ErrorCode.INTERNAL_ERROR, "Failed to complete the multipart upload to '" + target + "'", e);
        }
    }

    public void abortMultipartUpload(String path, String fileName, String uploadId) {
        String target = multipartTarget(path, fileName);
        try {
            multipart().abortMultipartUpload(target, uploadId);
        } catch (IOException e) {
            throw new FlowlineException(
                    ErrorCode.INTERNAL_ERROR, "Failed to abort the multipart upload to '" + target + "'", e);
        }
    }

    /** Whether the destination supports multipart uploads (MLflow answers NOT_IMPLEMENTED otherwise). */
    public MultipartArtifactRepository multipart() {
        if (destination instanceof MultipartArtifactRepository multipart) {
            return multipart;
        }
        throw new FlowlineException(
                ErrorCode.NOT_IMPLEMENTED, "Multipart upload is not supported for the current artifact repository");
    }

    /**
     * MLflow's client sends the artifact directory in the URL and the local file's path in the body;
     * the object goes to the directory under the file's base name.
     */
    private String multipartTarget(String artifactPath, String localPath) {
        multipart();
        String directory = ArtifactPaths.validate(artifactPath);
        String normalised = localPath.replace('\\', '/');
        String baseName = ArtifactPaths.validate(normalised.substring(normalised.lastIndexOf('/') + 1));
        if (baseName.isEmpty()) {
            throw FlowlineException.invalidParameter("Invalid path");
        }
        return directory.isEmpty() ? baseName : directory + "/" + baseName;
    }

    static String requireFilePath(String path) {
        String safe = ArtifactPaths.validate(path);
        if (safe.isEmpty()) {
            throw FlowlineException.invalidParameter("Invalid path");
        }
        return safe;
    }

    static void put(ArtifactRepository repository, String path, InputStream content, long length) {
        try {
            repository.put(path, content, length);
        } catch (FileNotFoundException e) {
            // the store refused a path that leads out of it (through a symbolic link)
            throw FlowlineException.invalidParameter("Invalid path");
        } catch (IOException e) {
            throw new FlowlineException(ErrorCode.INTERNAL_ERROR, "Failed to store artifact '" + path + "'", e);
        }
    }

    static ArtifactContent open(ArtifactRepository repository, String path, long offset) {
        try {
            return repository.open(path, offset);
        } catch (FileNotFoundException e) {
            throw FlowlineException.notFound("Artifact '%s' does not exist", path);
        } catch (IOException e) {
            throw new FlowlineException(ErrorCode.INTERNAL_ERROR, "Failed to read artifact '" + path + "'", e);
        }
    }

    static List<FileInfo> list(ArtifactRepository repository, String path) {
        try {
            return repository.list(path);
        } catch (IOException e) {
            throw new FlowlineException(ErrorCode.INTERNAL_ERROR, "Failed to list artifacts under '" + path + "'", e);
        }
    }
}

package dev.flowline.server.artifacts;

import dev.flowline.core.artifacts.FileInfo;
import dev.flowline.core.artifacts.MultipartArtifactRepository.MultipartUpload;
import dev.flowline.core.artifacts.MultipartArtifactRepository.PartCredential;
import java.util.List;
import java.util.Map;

/** Wire records of the artifact APIs, in MLflow's shapes. */
final class ArtifactsJson {
    private ArtifactsJson() {}

    record FileInfoJson(String path, boolean isDir, Long fileSize) {
        static List<FileInfoJson> of(List<FileInfo> files) {
            return files.stream()
                    .map(f -> new FileInfoJson(f.path(), f.isDir(), f.fileSize()))
                    .toList();
        }
    }

    /** {@code ListArtifacts.Response}; the proxy's listing has no root URI. */
    record ListArtifactsResponse(String rootUri, List<FileInfoJson> files) {}

    record CredentialJson(int partNumber, String url, Map<String, String> headers) {
        static CredentialJson of(PartCredential c) {
            return new CredentialJson(c.partNumber(), c.url(), c.headers());
        }
    }

    record CreateMultipartUploadResponse(String uploadId, List<CredentialJson> credentials) {
        static CreateMultipartUploadResponse of(MultipartUpload upload) {
            return new CreateMultipartUploadResponse(
                    upload.uploadId(),
                    upload.credentials().stream().map(CredentialJson::of).toList());
        }
    }
}

package dev.flowline.core.artifacts;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The multipart-upload capability of a repository, as MLflow's {@code mpu} protocol uses it: the client
 * asks for an upload of N parts, gets one URL per part (presigned, so it sends the bytes to the store
 * directly), sends the parts, then completes the upload with the parts' ETags, or aborts it.
 */
public interface MultipartArtifactRepository extends ArtifactRepository {

    /** Starts an upload to the path and returns a URL for each of the parts 1..numParts. */
    MultipartUpload createMultipartUpload(String path, int numParts) throws IOException;

    /** Joins the uploaded parts into the artifact at the path. */
    void completeMultipartUpload(String path, String uploadId, List<UploadedPart> parts) throws IOException;

    /** Drops an upload and its parts. */
    void abortMultipartUpload(String path, String uploadId) throws IOException;

    /** A started upload: its id and where to send each part. */
    record MultipartUpload(String uploadId, List<PartCredential> credentials) {
        public MultipartUpload {
            Objects.requireNonNull(uploadId, "uploadId");
            credentials = List.copyOf(credentials);
        }
    }

    /** Where to {@code PUT} one part, and with which headers. */
    record PartCredential(int partNumber, String url, Map<String, String> headers) {
        public PartCredential {
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
        }
    }

    /** A part the client has uploaded, with the ETag the store answered. */
    record UploadedPart(int partNumber, String etag) {
        public UploadedPart {
            Objects.requireNonNull(etag, "etag");
        }
    }
}

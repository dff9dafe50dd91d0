package dev.flowline.artifacts.s3;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;

/**
 * Writes one stream as an S3 multipart upload, one part in memory at a time; on any failure the upload is
 * aborted so no parts are left behind.
 */
final class S3MultipartWriter {
    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final S3Settings settings;

    S3MultipartWriter(S3Client s3, String bucket, String key, S3Settings settings) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.settings = settings;
    }

    /**
     * @param buffer    holds the first part ({@code firstSize} bytes); reused for the following parts
     * @param rest      the bytes after the first part
     * @param length    the expected total, or -1
     */
    void write(byte[] buffer, int firstSize, InputStream rest, long length) throws IOException {
        String uploadId = S3ArtifactRepository.call(() -> s3.createMultipartUpload(settings.uploadExtraArgs()
                        .applyTo(CreateMultipartUploadRequest.builder()
                                .bucket(bucket)
                                .key(key))
                        .build())
                .uploadId());
        try {
            byte[] part = buffer.length == settings.partSize()
                    ? buffer
                    : java.util.Arrays.copyOf(buffer, settings.partSize());
            List<CompletedPart> parts = new ArrayList<>();
            long total = 0;
            int size = firstSize;
            while (size > 0) {
                parts.add(uploadPart(uploadId, parts.size() + 1, part, size));
                total += size;
                size = rest.readNBytes(part, 0, part.length);
            }
            S3ArtifactRepository.checkLength(total, length);
            S3ArtifactRepository.call(() -> s3.completeMultipartUpload(
                    b -> b.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
    }

    private CompletedPart uploadPart(String uploadId, int partNumber, byte[] part, int size) throws IOException {
        String etag = S3ArtifactRepository.call(() -> s3.uploadPart(
                        b -> b.bucket(bucket)
                                .key(key)
                                .uploadId(uploadId)
                                .partNumber(partNumber)
                                .contentLength((long) size),
                        RequestBody.fromInputStream(new java.io.ByteArrayInputStream(part, 0, size), size))
                .eTag());
        return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
    }
}

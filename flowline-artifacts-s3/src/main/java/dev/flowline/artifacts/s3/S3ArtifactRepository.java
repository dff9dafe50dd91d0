package dev.flowline.artifacts.s3;

import dev.flowline.core.artifacts.ArtifactContent;
import dev.flowline.core.artifacts.FileInfo;
import dev.flowline.core.artifacts.MultipartArtifactRepository;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.model.UploadPartPresignRequest;

/**
 * Artifacts under an {@code s3://bucket/prefix}. Uploads larger than one part go as multipart uploads,
 * reading one part at a time (memory stays at one part per upload whatever the file's size); listings
 * follow S3's pages; multipart uploads can also be driven by clients through presigned part URLs.
 */
public final class S3ArtifactRepository implements MultipartArtifactRepository {
    private static final Duration PRESIGNED_URL_LIFETIME = Duration.ofHours(1);
    private static final int MAX_DELETE_BATCH = 1000;

    private final S3Clients clients;
    private final S3Location location;
    private final S3Settings settings;

    S3ArtifactRepository(S3Clients clients, S3Location location, S3Settings settings) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.location = Objects.requireNonNull(location, "location");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String rootUri() {
        return location.uri();
    }

    @Override
    public void put(String path, InputStream content, long length) throws IOException {
        String key = location.key(path);
        int bufferSize = length >= 0 && length < settings.partSize() ? (int) length : settings.partSize();
        byte[] buffer = new byte[bufferSize];
        PushbackInputStream in = new PushbackInputStream(content, 1);
        int first = in.readNBytes(buffer, 0, bufferSize);
        int next = first < bufferSize ? -1 : in.read();
        if (next == -1) {
            checkLength(first, length);
            call(() -> s3().putObject(putRequest(key), RequestBody.fromBytes(Arrays.copyOf(buffer, first))));
            return;
        }
        in.unread(next);
        new S3MultipartWriter(s3(), location.bucket(), key, settings).write(buffer, first, in, length);
    }

    static void checkLength(long written, long length) throws IOException {
        if (length >= 0 && written != length) {
            throw new IOException("Upload ended after " + written + " of " + length + " bytes");
        }
    }

    private PutObjectRequest putRequest(String key) {
        return settings.uploadExtraArgs()
                .applyTo(PutObjectRequest.builder().bucket(location.bucket()).key(key))
                .build();
    }

    @Override
    public ArtifactContent open(String path, long offset) throws IOException {
        String key = location.key(path);
        HeadObjectResponse head;
        try {
            head = s3().headObject(b -> b.bucket(location.bucket()).key(key));
        } catch (NoSuchKeyException e) {
            throw new FileNotFoundException(path);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new FileNotFoundException(path);
            }
            throw new IOException(e.getMessage(), e);
        }
        long size = head.contentLength();
        if (offset >= size) {
            return new ArtifactContent(InputStream.nullInputStream(), size, offset);
        }
        InputStream stream = call(() -> s3().getObject(b -> {
            b.bucket(location.bucket()).key(key);
            if (offset > 0) {
                b.range("bytes=" + offset + "-");
            }
        }));
        return new ArtifactContent(stream, size, offset);
    }

    @Override
    public List<FileInfo> list(String path) throws IOException {
        String prefix = location.directoryPrefix(path);
        List<FileInfo> result = new ArrayList<>();
        call(() -> {
            for (var page : s3().listObjectsV2Paginator(
                            b -> b.bucket(location.bucket()).prefix(prefix).delimiter("/"))) {
                for (CommonPrefix directory : page.commonPrefixes()) {
                    result.add(FileInfo.directory(location.relativePath(directory.prefix())));
                }
                for (S3Object object : page.contents()) {
                    if (!object.key().equals(prefix)) {
                        result.add(FileInfo.file(location.relativePath(object.key()), object.size()));
                    }
                }
            }
            return null;
        });
        result.sort(Comparator.comparing(FileInfo::path));
        return result;
    }

    @Override
    public void delete(String path) throws IOException {
        String key = location.key(path);
        List<ObjectIdentifier> batch = new ArrayList<>();
        if (!key.isEmpty()) {
            batch.add(ObjectIdentifier.builder().key(key).build());
        }
        call(() -> {
            for (var page : s3().listObjectsV2Paginator(
                            b -> b.bucket(location.bucket()).prefix(location.directoryPrefix(path)))) {
                for (S3Object object : page.contents()) {
                    batch.add(ObjectIdentifier.builder().key(object.key()).build());
                    if (batch.size() == MAX_DELETE_BATCH) {
                        deleteObjects(batch);
                    }
                }
            }
            deleteObjects(batch);
            return null;
        });
    }

    private void deleteObjects(List<ObjectIdentifier> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<ObjectIdentifier> keys = List.copyOf(batch);
        s3().deleteObjects(b ->
                b.bucket(location.bucket()).delete(d -> d.objects(keys).quiet(true)));
        batch.clear();
    }

    @Override
    public MultipartUpload createMultipartUpload(String path, int numParts) throws IOException {
        String key = location.key(path);
        String uploadId = call(() -> s3().createMultipartUpload(settings.uploadExtraArgs()
                        .applyTo(software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest.builder()
                                .bucket(location.bucket())
                                .key(key))
                        .build())
                .uploadId());
        List<PartCredential> credentials = new ArrayList<>(numParts);
        for (int part = 1; part <= numParts; part++) {
            int partNumber = part;
            var presigned = clients.presigner()
                    .presignUploadPart(UploadPartPresignRequest.builder()
                            .signatureDuration(PRESIGNED_URL_LIFETIME)
                            .uploadPartRequest(u -> u.bucket(location.bucket())
                                    .key(key)
                                    .uploadId(uploadId)
                                    .partNumber(partNumber))
                            .build());
            credentials.add(new PartCredential(partNumber, presigned.url().toString(), Map.of()));
        }
        return new MultipartUpload(uploadId, credentials);
    }

    @Override
    public void completeMultipartUpload(String path, String uploadId, List<UploadedPart> parts) throws IOException {
        String key = location.key(path);
        List<CompletedPart> completed = parts.stream()
                .sorted(Comparator.comparingInt(UploadedPart::partNumber))
                .map(p -> CompletedPart.builder()
                        .partNumber(p.partNumber())
                        .eTag(p.etag())
                        .build())
                .toList();
        call(() -> s3().completeMultipartUpload(b ->
                b.bucket(location.bucket()).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(completed))));
    }

    @Override
    public void abortMultipartUpload(String path, String uploadId) throws IOException {
        String key = location.key(path);
        call(() -> s3().abortMultipartUpload(
                        b -> b.bucket(location.bucket()).key(key).uploadId(uploadId)));
    }

    private S3Client s3() {
        return clients.client();
    }

    /** Runs an S3 call, reporting the SDK's failures as I/O failures. */
    static <T> T call(SdkCall<T> call) throws IOException {
        try {
            return call.run();
        } catch (SdkException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @FunctionalInterface
    interface SdkCall<T> {
        T run() throws IOException;
    }
}

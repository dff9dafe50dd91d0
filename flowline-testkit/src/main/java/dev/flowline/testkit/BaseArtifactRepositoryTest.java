package dev.flowline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.flowline.core.artifacts.ArtifactContent;
import dev.flowline.core.artifacts.ArtifactRepository;
import dev.flowline.core.artifacts.FileInfo;
import dev.flowline.core.artifacts.MultipartArtifactRepository;
import dev.flowline.core.artifacts.MultipartArtifactRepository.MultipartUpload;
import dev.flowline.core.artifacts.MultipartArtifactRepository.PartCredential;
import dev.flowline.core.artifacts.MultipartArtifactRepository.UploadedPart;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ArtifactRepository} keeps. Subclasses return a fresh, empty repository
 * from {@link #newRepository()} for each test.
 */
public abstract class BaseArtifactRepositoryTest {
    /** Larger than the part size stores are tested with, so big writes take the multipart path. */
    protected static final int LARGE_SIZE = 13 * 1024 * 1024 + 17;

    protected ArtifactRepository repository;

    /** A new, empty repository. */
    protected abstract ArtifactRepository newRepository() throws IOException;

    @BeforeEach
    void openRepository() throws IOException {
        repository = newRepository();
    }

    @Test
    void putThenOpenReturnsTheSameBytes() throws IOException {
        put("model/MLmodel", "flavors: {}");

        assertThat(read("model/MLmodel")).isEqualTo("flavors: {}");
        try (ArtifactContent content = repository.open("model/MLmodel")) {
            assertThat(content.size()).isEqualTo(11);
        }
    }

    @Test
    void putReplacesAnExistingArtifact() throws IOException {
        put("a.txt", "first version");
        put("a.txt", "second");

        assertThat(read("a.txt")).isEqualTo("second");
    }

    @Test
    void putOfAnEmptyStreamStoresAnEmptyFile() throws IOException {
        repository.put("empty", InputStream.nullInputStream(), 0);

        assertThat(repository.list("")).containsExactly(FileInfo.file("empty", 0));
    }

    @Test
    void putWithUnknownLengthStoresEverything() throws IOException {
        byte[] bytes = randomBytes(LARGE_SIZE, 1);
        repository.put("big/unknown.bin", new ByteArrayInputStream(bytes), -1);

        assertThat(readBytes("big/unknown.bin")).isEqualTo(bytes);
    }

    @Test
    void putOfALargeStreamStoresEveryByte() throws IOException {
        byte[] bytes = randomBytes(LARGE_SIZE, 2);
        repository.put("big/known.bin", new ByteArrayInputStream(bytes), bytes.length);

        assertThat(readBytes("big/known.bin")).isEqualTo(bytes);
        assertThat(repository.list("big")).containsExactly(FileInfo.file("big/known.bin", bytes.length));
    }

    @Test
    void putOfAStreamThatArrivesInSmallPiecesStoresEveryByte() throws IOException {
        byte[] bytes = randomBytes(LARGE_SIZE, 3);
        // an HTTP body arrives a few KiB per read, and a read may return any number of bytes
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                return super.read(buffer, offset, Math.min(length, 8191));
            }
        };
        repository.put("big/trickle.bin", trickle, bytes.length);

        assertThat(readBytes("big/trickle.bin")).isEqualTo(bytes);
    }

    @Test
    void putOfAStreamShorterThanItsLengthFailsAndStoresNothing() throws IOException {
        assertThatThrownBy(() -> repository.put("short.bin", new ByteArrayInputStream(new byte[10]), 20))
                .isInstanceOf(IOException.class);

        assertThat(repository.list("")).isEmpty();
        assertThatThrownBy(() -> repository.open("short.bin")).isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void openOfAMissingArtifactIsFileNotFound() {
        assertThatThrownBy(() -> repository.open("missing.txt")).isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void openOfADirectoryIsFileNotFound() throws IOException {
        put("dir/file.txt", "x");

        assertThatThrownBy(() -> repository.open("dir")).isInstanceOf(FileNotFoundException.class);
    }

    @Test
    void openAtAnOffsetStreamsFromThere() throws IOException {
        put("range.txt", "0123456789");

        try (ArtifactContent content = repository.open("range.txt", 4)) {
            assertThat(content.size()).isEqualTo(10);
            assertThat(new String(content.stream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("456789");
        }
        try (ArtifactContent content = repository.open("range.txt", 10)) {
            assertThat(content.stream().readAllBytes()).isEmpty();
        }
    }

    @Test
    void listShowsDirectChildrenWithSizes() throws IOException {
        put("run/metrics.json", "{}");
        put("run/model/MLmodel", "abc");
        put("run/model/data/weights.bin", "12345");
        put("other.txt", "o");

        assertThat(repository.list("")).containsExactly(FileInfo.file("other.txt", 1), FileInfo.directory("run"));
        assertThat(repository.list("run"))
                .containsExactly(FileInfo.file("run/metrics.json", 2), FileInfo.directory("run/model"));
        assertThat(repository.list("run/model"))
                .containsExactly(FileInfo.file("run/model/MLmodel", 3), FileInfo.directory("run/model/data"));
    }

    @Test
    void listOfAMissingDirectoryIsEmpty() throws IOException {
        assertThat(repository.list("nothing/here")).isEmpty();
    }

    @Test
    void listDoesNotConfuseSiblingsSharingAPrefix() throws IOException {
        put("model/a", "1");
        put("model-2/b", "2");

        assertThat(repository.list("model")).containsExactly(FileInfo.file("model/a", 1));
    }

    @Test
    void listReturnsThousandsOfEntries() throws Exception {
        // more than one page of an S3 listing (1000 keys)
        int count = 2_100;
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String path = "many/f" + i;
                puts.add(pool.submit(() -> {
                    repository.put(path, new ByteArrayInputStream(new byte[] {1}), 1);
                    return null;
                }));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        }

        List<FileInfo> listed = repository.list("many");
        assertThat(listed).hasSize(count).allMatch(f -> !f.isDir() && f.fileSize() == 1);
        assertThat(listed).extracting(FileInfo::path).doesNotHaveDuplicates().contains("many/f0", "many/f2099");
    }

    @Test
    void deleteRemovesAFile() throws IOException {
        put("keep.txt", "k");
        put("drop.txt", "d");

        repository.delete("drop.txt");

        assertThat(repository.list("")).containsExactly(FileInfo.file("keep.txt", 1));
    }

    @Test
    void deleteRemovesADirectoryWithEverythingUnderIt() throws IOException {
        put("dir/a", "1");
        put("dir/sub/b", "2");
        put("dir-sibling/c", "3");

        repository.delete("dir");

        assertThat(repository.list("")).containsExactly(FileInfo.directory("dir-sibling"));
        assertThat(repository.list("dir")).isEmpty();
    }

    @Test
    void deleteOfAMissingPathIsNoError() throws IOException {
        repository.delete("never/was");

        assertThat(repository.list("")).isEmpty();
    }

    @Test
    void multipartUploadThroughPartUrlsStoresTheJoinedParts() throws Exception {
        assumeTrue(repository instanceof MultipartArtifactRepository, "store has no multipart capability");
        MultipartArtifactRepository multipart = (MultipartArtifactRepository) repository;
        byte[] first = randomBytes(5 * 1024 * 1024, 3);
        byte[] second = randomBytes(1234, 4);

        MultipartUpload upload = multipart.createMultipartUpload("mpu/model.bin", 2);
        assertThat(upload.credentials()).extracting(PartCredential::partNumber).containsExactly(1, 2);
        List<UploadedPart> parts = new ArrayList<>();
        parts.add(new UploadedPart(1, putPart(upload.credentials().get(0), first)));
        parts.add(new UploadedPart(2, putPart(upload.credentials().get(1), second)));
        multipart.completeMultipartUpload("mpu/model.bin", upload.uploadId(), parts);

        byte[] expected = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, expected, first.length, second.length);
        assertThat(readBytes("mpu/model.bin")).isEqualTo(expected);
    }

    @Test
    void abortedMultipartUploadStoresNothing() throws Exception {
        assumeTrue(repository instanceof MultipartArtifactRepository, "store has no multipart capability");
        MultipartArtifactRepository multipart = (MultipartArtifactRepository) repository;

        MultipartUpload upload = multipart.createMultipartUpload("mpu/aborted.bin", 1);
        putPart(upload.credentials().getFirst(), randomBytes(100, 5));
        multipart.abortMultipartUpload("mpu/aborted.bin", upload.uploadId());

        assertThat(repository.list("mpu")).isEmpty();
    }

    private static String putPart(PartCredential credential, byte[] bytes) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(credential.url())).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes));
        credential.headers().forEach(request::header);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.headers().firstValue("ETag").orElseThrow();
        }
    }

    protected void put(String path, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        repository.put(path, new ByteArrayInputStream(bytes), bytes.length);
    }

    protected String read(String path) throws IOException {
        return new String(readBytes(path), StandardCharsets.UTF_8);
    }

    protected byte[] readBytes(String path) throws IOException {
        try (ArtifactContent content = repository.open(path)) {
            return content.stream().readAllBytes();
        }
    }

    protected static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}

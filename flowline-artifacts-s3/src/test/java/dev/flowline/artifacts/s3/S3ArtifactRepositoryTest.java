package dev.flowline.artifacts.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowline.core.artifacts.ArtifactRepositories;
import dev.flowline.core.artifacts.ArtifactRepository;
import dev.flowline.core.artifacts.ArtifactSettings;
import dev.flowline.core.artifacts.FileInfo;
import dev.flowline.core.error.FlowlineException;
import dev.flowline.testkit.BaseArtifactRepositoryTest;
import dev.flowline.testkit.TestingS3;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class S3ArtifactRepositoryTest extends BaseArtifactRepositoryTest {
    private static TestingS3 s3;
    private static final S3ArtifactRepositoryProvider PROVIDER = new S3ArtifactRepositoryProvider();

    @BeforeAll
    static void startS3() {
        s3 = new TestingS3();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @Override
    protected ArtifactRepository newRepository() {
        S3Settings settings =
                S3Settings.from(new ArtifactSettings(s3.settings())).withPartSize(5 * 1024 * 1024);
        return PROVIDER.open(s3.uri("runs/" + UUID.randomUUID()), settings);
    }

    @Test
    void largeUploadsAreStoredAsMultipartObjects() throws IOException {
        repository.put("big.bin", new java.io.ByteArrayInputStream(randomBytes(LARGE_SIZE, 9)), LARGE_SIZE);
        String key = s3.client()
                .listObjectsV2(b -> b.bucket(s3.bucket())
                        .prefix(repository.rootUri().substring(("s3://" + s3.bucket() + "/").length())))
                .contents()
                .getFirst()
                .eTag();

        // S3 gives multipart objects an ETag of "<md5 of part md5s>-<part count>"
        assertThat(key).matches("\"?[0-9a-f]+-3\"?");
    }

    @Test
    void theProviderIsFoundByTheS3SchemeWithMlflowsSettings() throws IOException {
        ArtifactRepository opened = new ArtifactRepositories(new ArtifactSettings(s3.settings())).open(s3.uri("found"));
        put("x", "1");

        assertThat(opened).isInstanceOf(S3ArtifactRepository.class);
        assertThat(opened.list("")).doesNotContain(FileInfo.file("x", 1));
    }

    @Test
    void uploadExtraArgsMustBeKnownStringArguments() {
        Map<String, String> settings = new HashMap<>(s3.settings());
        settings.put("MLFLOW_S3_UPLOAD_EXTRA_ARGS", "{\"Tagging\": \"a=b\"}");

        assertThatThrownBy(() -> S3Settings.from(new ArtifactSettings(settings)))
                .isInstanceOf(FlowlineException.class)
                .hasMessageContaining("unsupported argument 'Tagging'");
    }

    @Test
    void uploadExtraArgsAreAppliedToUploads() throws IOException {
        Map<String, String> settings = new HashMap<>(s3.settings());
        settings.put("MLFLOW_S3_UPLOAD_EXTRA_ARGS", "{\"CacheControl\": \"no-cache\"}");
        ArtifactRepository withArgs = PROVIDER.open(s3.uri("extra"), S3Settings.from(new ArtifactSettings(settings)));
        withArgs.put("a.txt", new java.io.ByteArrayInputStream(new byte[] {1}), 1);

        assertThat(s3.client()
                        .headObject(b -> b.bucket(s3.bucket()).key("extra/a.txt"))
                        .cacheControl())
                .isEqualTo("no-cache");
    }

    @Test
    void anS3UriWithoutABucketIsRefused() {
        assertThatThrownBy(() -> PROVIDER.open("s3:///prefix", S3Settings.from(new ArtifactSettings(s3.settings()))))
                .isInstanceOf(FlowlineException.class)
                .hasMessageContaining("names no bucket");
    }
}

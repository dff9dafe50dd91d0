package dev.flowline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowline.core.artifacts.ArtifactContent;
import dev.flowline.core.artifacts.ArtifactRepositories;
import dev.flowline.core.artifacts.ArtifactRepository;
import dev.flowline.core.artifacts.ArtifactSettings;
import dev.flowline.core.artifacts.FileInfo;
import dev.flowline.core.artifacts.LocalArtifactRepository;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalArtifactRepositoryTest extends BaseArtifactRepositoryTest {
    @TempDir
    Path temp;

    @Override
    protected ArtifactRepository newRepository() throws IOException {
        return new LocalArtifactRepository(Files.createDirectories(temp.resolve("store")));
    }

    @Test
    void fileUrisAndPlainPathsOpenTheSameDirectory() throws IOException {
        ArtifactRepositories repositories = new ArtifactRepositories(ArtifactSettings.none());
        Path root = temp.resolve("store");
        put("x.txt", "x");

        assertThat(repositories.open(root.toUri().toString()).list("")).containsExactly(FileInfo.file("x.txt", 1));
        assertThat(repositories.open(root.toString()).list("")).containsExactly(FileInfo.file("x.txt", 1));
    }

    @Test
    void anOpenedArtifactOffersItsFileForKernelSendsAndClosesItWithTheStream() throws IOException {
        put("weights.bin", "0123456789");

        FileChannel file;
        try (ArtifactContent content = repository.open("weights.bin", 4)) {
            file = content.file();
            assertThat(file.size()).isEqualTo(10);
            ByteBuffer head = ByteBuffer.allocate(3);
            file.read(head, 0);
            assertThat(new String(head.array(), StandardCharsets.US_ASCII)).isEqualTo("012");
            assertThat(new String(content.stream().readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("456789");
        }
        assertThat(file.isOpen()).isFalse();
    }

    @Test
    void symbolicLinksLeadingOutOfTheRootAreNeitherReadNorListedNorWrittenThrough() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Path canary = Files.writeString(outside.resolve("canary.txt"), "secret");
        Path store = temp.resolve("store");
        Files.createSymbolicLink(store.resolve("escape"), outside);
        Files.createSymbolicLink(store.resolve("canary-link"), canary);

        assertThatThrownBy(() -> repository.open("escape/canary.txt")).isInstanceOf(FileNotFoundException.class);
        assertThatThrownBy(() -> repository.open("canary-link")).isInstanceOf(FileNotFoundException.class);
        assertThat(repository.list("escape")).isEmpty();
        assertThat(repository.list("")).isEmpty();
        assertThatThrownBy(() -> repository.put("escape/new.txt", new ByteArrayInputStream(new byte[1]), 1))
                .isInstanceOf(IOException.class);
        repository.delete("escape");

        assertThat(Files.readString(canary)).isEqualTo("secret");
        assertThat(outside)
                .isDirectoryContaining(p -> p.getFileName().toString().equals("canary.txt"));
        assertThat(Files.list(outside)).hasSize(1);
    }

    @Test
    void anUploadInProgressIsNotListedAndAFailedOneLeavesNoTemporaryFile() throws IOException {
        InputStream failing = new InputStream() {
            private int left = 100_000;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (left <= 0) {
                    assertThat(repository.list("dir")).isEmpty();
                    throw new IOException("client went away");
                }
                int n = Math.min(length, left);
                left -= n;
                return n;
            }
        };
        Files.createDirectories(temp.resolve("store/dir"));

        assertThatThrownBy(() -> repository.put("dir/partial.bin", failing, -1)).hasMessage("client went away");

        assertThat(Files.list(temp.resolve("store/dir"))).isEmpty();
    }

    @Test
    void pathsThatNormaliseOutOfTheRootAreRefused() {
        assertThatThrownBy(() -> repository.put("../escaped.txt", new ByteArrayInputStream(new byte[1]), 1))
                .isInstanceOf(IOException.class);
        assertThat(temp.resolve("escaped.txt")).doesNotExist();
    }
}

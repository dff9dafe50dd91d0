package dev.flowline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupCacheMarkerTest {
    @TempDir
    Path directory;

    @Test
    void aStartedServerRemovesTheMarkOfTheCacheBeingRecorded() throws IOException {
        Path marker = Files.createFile(directory.resolve("flowline.aot.pending"));
        Path other = Files.createFile(directory.resolve("flowline.aot"));

        StartupCacheMarker.serverStarted(Map.of(StartupCacheMarker.VARIABLE, marker.toString()));

        assertThat(marker).doesNotExist();
        assertThat(other).exists();
    }

    @Test
    void aFileThatIsNotTheMarkIsLeftAlone() throws IOException {
        Path other = Files.createFile(directory.resolve("notes.txt"));

        StartupCacheMarker.serverStarted(Map.of(StartupCacheMarker.VARIABLE, other.toString()));

        assertThat(other).exists();
    }

    @Test
    void withoutTheVariableOrWithTheMarkGoneNothingHappens() {
        StartupCacheMarker.serverStarted(Map.of());
        StartupCacheMarker.serverStarted(Map.of(
                StartupCacheMarker.VARIABLE,
                directory.resolve("flowline.aot.pending").toString()));
        assertThat(directory).isEmptyDirectory();
    }
}

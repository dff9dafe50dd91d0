package dev.flowline.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArtifactLocationPolicyTest {
    private static final Path CWD = Path.of("/srv/flowline");

    @Test
    void proxyingServersGiveNewExperimentsMlflowArtifactsLocations() {
        assertThat(new ArtifactLocationPolicy(Optional.empty(), true, CWD).defaultLocation("7"))
                .isEqualTo("mlflow-artifacts:/7");
    }

    @Test
    void serversWithoutTheProxyUseAnAbsoluteMlrunsDirectory() {
        assertThat(new ArtifactLocationPolicy(Optional.empty(), false, CWD).defaultLocation("7"))
                .isEqualTo("/srv/flowline/mlruns/7");
    }

    @Test
    void aDefaultArtifactRootWinsAndJoinsWithOneSlash() {
        assertThat(new ArtifactLocationPolicy(Optional.of("s3://bucket/root/"), true, CWD).defaultLocation("3"))
                .isEqualTo("s3://bucket/root/3");
        assertThat(new ArtifactLocationPolicy(Optional.of("relative/art"), false, CWD).defaultLocation("3"))
                .isEqualTo("/srv/flowline/relative/art/3");
    }

    @Test
    void requestedLocationsAreValidatedAndLocalOnesMadeAbsolute() {
        ArtifactLocationPolicy policy = new ArtifactLocationPolicy(Optional.empty(), true, CWD);

        assertThat(policy.check("file:///some/dir")).isEqualTo("file:///some/dir");
        assertThat(policy.check("my-artifacts")).isEqualTo("/srv/flowline/my-artifacts");
        assertThatThrownBy(() -> policy.check("http:///?/../../etc/")).hasMessage("Invalid query string");
    }
}

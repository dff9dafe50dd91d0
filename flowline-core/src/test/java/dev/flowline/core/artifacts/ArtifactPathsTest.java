package dev.flowline.core.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactPathsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "..",
                "../etc/passwd",
                "a/../../b",
                "a/..",
                "%2e%2e/etc",
                "%2E%2E%2Fetc",
                "%252e%252e/etc",
                "%25252e%25252e%25252fetc",
                "/etc/passwd",
                "%2Fetc%2Fpasswd",
                "//etc",
                "a\\..\\b",
                "..\\etc",
                "C:\\Windows",
                "C:/Windows",
                "c:",
                "file:///etc/passwd",
                "file:/etc/passwd",
                "file://evil.host/share",
                "a#/../../etc",
                "a%23/../..",
                "a?x=/../..",
                "a\u0000b",
                "a%00b",
                "line\nbreak",
                "tab\tname",
                "del\u007f"
            })
    void validateRefusesEveryTraversalTrick(String path) {
        assertThatThrownBy(() -> ArtifactPaths.validate(path)).isInstanceOfSatisfying(FlowlineException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
            assertThat(e.getMessage()).isEqualTo("Invalid path");
        });
    }

    @Test
    void validateRefusesPathsThatNeverStopDecoding() {
        String path = "..";
        for (int i = 0; i < 12; i++) {
            path = path.replace("%", "%25").replace(".", "%2e");
        }
        String nested = path;

        assertThatThrownBy(() -> ArtifactPaths.validate(nested)).hasMessage("Failed to decode url");
    }

    @Test
    void validateNormalisesSafePaths() {
        assertThat(ArtifactPaths.validate(null)).isEmpty();
        assertThat(ArtifactPaths.validate("")).isEmpty();
        assertThat(ArtifactPaths.validate("model/MLmodel")).isEqualTo("model/MLmodel");
        assertThat(ArtifactPaths.validate("./a//b/./c/")).isEqualTo("a/b/c");
        assertThat(ArtifactPaths.validate("my%20plot.png")).isEqualTo("my plot.png");
        assertThat(ArtifactPaths.validate("a+b..c")).isEqualTo("a+b..c");
        assertThat(ArtifactPaths.validate("100%")).isEqualTo("100%");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http:///?/../../etc/", "s3://bucket/x?a=%2e%2e/b"})
    void validateLocationRefusesTraversalInTheQuery(String location) {
        assertThatThrownBy(() -> ArtifactPaths.validateLocation(location)).hasMessage("Invalid query string");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"file:///x#/../../etc", "s3://bucket/a#frag", "http://host/path;params", "file:///x%23/../etc"})
    void validateLocationRefusesFragmentsAndParams(String location) {
        assertThatThrownBy(() -> ArtifactPaths.validateLocation(location))
                .hasMessage("'artifact_location' URL can't include fragments or params.");
    }

    @Test
    void validateLocationRefusesRunsUris() {
        assertThatThrownBy(() -> ArtifactPaths.validateLocation("runs:/abc/model"))
                .hasMessage("Artifact location cannot be a runs:/ URI. Given: 'runs:/abc/model'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///a/../../etc", "/data/../etc", "s3://bucket/%2e%2e/other"})
    void validateLocationRefusesDotDotSegments(String location) {
        assertThatThrownBy(() -> ArtifactPaths.validateLocation(location)).hasMessage("Invalid path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///some/dir", "/data/mlruns", "s3://bucket/prefix", "mlflow-artifacts:/", "./mlruns"})
    void validateLocationKeepsOrdinaryLocations(String location) {
        assertThat(ArtifactPaths.validateLocation(location)).isEqualTo(location);
    }
}

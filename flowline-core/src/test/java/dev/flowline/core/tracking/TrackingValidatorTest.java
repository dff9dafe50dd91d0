package dev.flowline.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TrackingValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "Ab-5_", "a/b/c", "a.b.c", ".a", "b.", "a..a/._./o_O/.e.", "a b/c d", "ünïcode"})
    void acceptsMlflowsGoodNames(String name) {
        TrackingValidator.checkParam("", new Param(name, "v"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", ".", "/", "..", "//", "a//b", "a/./b", "/a", "a/", ":", "\\", "./", "/./", "../x", "a;b"})
    void rejectsMlflowsBadNames(String name) {
        assertThatThrownBy(() -> TrackingValidator.checkParam("", new Param(name, "v")))
                .isInstanceOfSatisfying(
                        FlowlineException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }

    @Test
    void aNameJudgedBeforeIsJudgedTheSameWayAgain() {
        for (int i = 0; i < 2; i++) {
            assertThat(EntityNames.isValid("loss/train")).isTrue();
            assertThat(EntityNames.isValid("a//b")).isFalse();
            assertThat(EntityNames.isValid("x".repeat(251))).isFalse();
        }
        TrackingValidator.checkBatch(List.of(new Metric("loss/train", 1, 1, 0)), List.of(), List.of());
        assertThatThrownBy(() ->
                        TrackingValidator.checkBatch(List.of(new Metric("loss/train", 1, -1, 0)), List.of(), List.of()))
                .hasMessageContaining("'metrics[0].timestamp'");
    }

    @Test
    void normalizesPathsAsPythonsNormpath() {
        assertThat(EntityNames.normalize("a/../b")).isEqualTo("b");
        assertThat(EntityNames.normalize("../x")).isEqualTo("../x");
        assertThat(EntityNames.normalize("/../x")).isEqualTo("/x");
        assertThat(EntityNames.normalize("//a")).isEqualTo("//a");
        assertThat(EntityNames.normalize("///a")).isEqualTo("/a");
        assertThat(EntityNames.normalize("a/./b/")).isEqualTo("a/b");
        assertThat(EntityNames.normalize("")).isEqualTo(".");
    }

    @Test
    void truncatesLongParamAndTagValues() {
        assertThat(TrackingValidator.checkParam("", new Param("p", "x".repeat(6001)))
                        .value())
                .hasSize(6000);
        assertThat(TrackingValidator.checkTag("", new RunTag("t", "x".repeat(8001)))
                        .value())
                .hasSize(8000);
        assertThat(TrackingValidator.checkParam("", new Param("p", null)).value())
                .isNull();
    }

    @Test
    void namesTheFieldOfABadBatchEntry() {
        List<Metric> metrics = List.of(new Metric("ok", 1, 1, 0), new Metric("a//b", 1, 1, 0));
        assertThatThrownBy(() -> TrackingValidator.checkBatch(metrics, List.of(), List.of()))
                .hasMessage(
                        "Invalid value \"a//b\" for parameter 'metrics[1].name' supplied: Names may be treated as files in"
                                + " certain cases, and must not resolve to other names when treated as such. This name would resolve"
                                + " to 'a/b'");
    }

    @Test
    void quotesValuesAsJson() {
        assertThat(TrackingValidator.jsonValue("a\"b\\c\né")).isEqualTo("\"a\\\"b\\\\c\\n\\u00e9\"");
        assertThat(TrackingValidator.pythonFloat(Double.NaN)).isEqualTo("nan");
    }
}

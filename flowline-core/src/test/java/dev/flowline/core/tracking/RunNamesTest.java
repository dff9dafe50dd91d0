package dev.flowline.core.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RunNamesTest {
    @Test
    void namesAreAdjectiveNounNumberWithinMlflowsLengthAndRange() {
        IntStream.range(0, 5000).mapToObj(i -> RunNames.random()).forEach(name -> {
            assertThat(name).matches("[a-z]+-[a-z]+-\\d{1,4}").hasSizeLessThanOrEqualTo(20);
            assertThat(Integer.parseInt(name.substring(name.lastIndexOf('-') + 1)))
                    .isBetween(0, 1000);
        });
    }
}

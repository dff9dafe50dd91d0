package dev.flowline.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowline.core.error.FlowlineException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelUriTest {

    @Test
    void readsVersionsStagesLatestAndAliases() {
        assertThat(ModelUri.parse("models:/wine/3"))
                .isEqualTo(new ModelUri("wine", Optional.of(3L), Optional.empty(), Optional.empty()));
        assertThat(ModelUri.parse("models:/wine/production"))
                .isEqualTo(
                        new ModelUri("wine", Optional.empty(), Optional.of(ModelStage.PRODUCTION), Optional.empty()));
        assertThat(ModelUri.parse("models:/wine/Latest"))
                .isEqualTo(new ModelUri("wine", Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(ModelUri.parse("models:/wine@champion"))
                .isEqualTo(new ModelUri("wine", Optional.empty(), Optional.empty(), Optional.of("champion")));
    }

    @Test
    void rejectsMalformedUris() {
        for (String uri : new String[] {
            "models:/",
            "models:/wine",
            "models:/wine/",
            "models:/a/b/c",
            "models://profile/wine/1",
            "models:/@alias",
            "models:/wine@",
            "runs:/abc/model"
        }) {
            assertThatThrownBy(() -> ModelUri.parse(uri))
                    .as(uri)
                    .isInstanceOf(FlowlineException.class)
                    .hasMessageStartingWith("Not a proper models:/ URI");
        }
        assertThatThrownBy(() -> ModelUri.parse("models:/wine/Live"))
                .hasMessageStartingWith("Invalid Model Version stage: Live.");
    }

    @Test
    void runsUrisKeepTheirPathWithoutTrailingSlashes() {
        assertThat(RunsUri.parse("runs:/0123abc/model/")).isEqualTo(new RunsUri("0123abc", "model"));
        assertThat(RunsUri.parse("runs:/0123abc")).isEqualTo(new RunsUri("0123abc", ""));
        assertThatThrownBy(() -> RunsUri.parse("runs:/")).isInstanceOf(FlowlineException.class);
    }
}

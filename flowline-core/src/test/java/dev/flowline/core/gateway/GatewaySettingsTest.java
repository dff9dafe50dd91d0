package dev.flowline.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowline.core.error.FlowlineException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewaySettingsTest {
    @Test
    void withoutTheVariablesThereIsNoTargetAndMlflowsTimeout() {
        GatewaySettings settings = GatewaySettings.from(Map.of("MLFLOW_DEPLOYMENTS_TARGET", " "));

        assertThat(settings.target()).isEmpty();
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void theTargetAndTimeoutComeFromMlflowsVariables() {
        GatewaySettings settings = GatewaySettings.from(Map.of(
                "MLFLOW_DEPLOYMENTS_TARGET", "http://gateway.internal:7000/base/",
                "MLFLOW_DEPLOYMENT_PREDICT_TIMEOUT", "30"));

        assertThat(settings.target()).contains(URI.create("http://gateway.internal:7000/base"));
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "localhost:7000",
                "ftp://gateway:21",
                "http://",
                "http://user:secret@gateway:7000",
                "http://gateway:7000/?x=1",
                "http://gateway:7000/#frag",
                "http://gate way"
            })
    void aTargetThatIsNotAPlainHttpUrlStopsTheServer(String target) {
        assertThatThrownBy(() -> GatewaySettings.from(Map.of("MLFLOW_DEPLOYMENTS_TARGET", target)))
                .isInstanceOf(FlowlineException.class)
                .hasMessage("MLFLOW_DEPLOYMENTS_TARGET must be an http(s) URL such as http://127.0.0.1:7000, not '"
                        + target + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "soon", "1.5"})
    void aTimeoutThatIsNotAPositiveNumberOfSecondsStopsTheServer(String timeout) {
        assertThatThrownBy(() -> GatewaySettings.from(Map.of("MLFLOW_DEPLOYMENT_PREDICT_TIMEOUT", timeout)))
                .isInstanceOf(FlowlineException.class)
                .hasMessage("MLFLOW_DEPLOYMENT_PREDICT_TIMEOUT must be a positive number of seconds, not '" + timeout
                        + "'");
    }
}

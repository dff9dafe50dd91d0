package dev.flowline.core.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewayPathsTest {
    @Test
    void theEndpointListIsForwardedWithItsTrailingSlashAndWithoutLeadingOnes() {
        assertThat(GatewayPaths.check("GET", "api/2.0/endpoints/")).isEqualTo("api/2.0/endpoints/");
        assertThat(GatewayPaths.check("GET", "//api/2.0/endpoints")).isEqualTo("api/2.0/endpoints");
    }

    @Test
    void anInvocationOfANamedEndpointIsForwarded() {
        assertThat(GatewayPaths.check("POST", "/gateway/chat-gpt_4.o/invocations"))
                .isEqualTo("gateway/chat-gpt_4.o/invocations");
    }

    @Test
    void aMissingPathIsMlflowsMessage() {
        assertThatThrownBy(() -> GatewayPaths.check("POST", ""))
                .isInstanceOf(FlowlineException.class)
                .hasMessage("Deployments proxy request must specify a gateway_path.");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "gateway/chat/invocations",
                "api/2.0/endpoints/../../admin",
                "api/2.0/endpoints?x=1",
                "api/2.0/endpoints#",
                "http://evil.example/api/2.0/endpoints"
            })
    void aGetMayOnlyListTheEndpoints(String path) {
        assertRefused("GET", path);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "api/2.0/endpoints",
                "gateway/../invocations",
                "gateway/./invocations",
                "gateway/..%2f..%2fadmin/invocations",
                "gateway/%2e%2e/invocations",
                "gateway/a/b/invocations",
                "gateway/x@evil.example/invocations",
                "gateway/evil.example:80/invocations",
                "gateway/x?y=1/invocations",
                "gateway/x#y/invocations",
                "gateway/x\\y/invocations",
                "gateway/x y/invocations",
                "gateway/x\r\nX-Injected: 1/invocations",
                "http://evil.example/gateway/x/invocations",
                "//evil.example/gateway/x/invocations",
                "gateway/x/invocations/../../../admin"
            })
    void aPostMayOnlyCallANamedEndpointWhoseNameCannotLeaveThePath(String path) {
        assertRefused("POST", path);
    }

    @Test
    void otherMethodsAreRefused() {
        assertRefused("DELETE", "api/2.0/endpoints");
    }

    @Test
    void theRefusalShowsControlCharactersEscaped() {
        assertThatThrownBy(() -> GatewayPaths.check("POST", "gateway/x\r\n/invocations"))
                .hasMessage("Invalid gateway_path: gateway/x\\u000d\\u000a/invocations for method: POST");
    }

    private static void assertRefused(String method, String path) {
        assertThatThrownBy(() -> GatewayPaths.check(method, path))
                .isInstanceOfSatisfying(
                        FlowlineException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE))
                .hasMessageStartingWith("Invalid gateway_path: ")
                .hasMessageEndingWith(" for method: " + method);
    }
}

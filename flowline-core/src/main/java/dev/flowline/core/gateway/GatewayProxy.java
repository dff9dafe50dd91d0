package dev.flowline.core.gateway;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The web UI's proxy to a deployments server (MLflow's AI gateway): lists its endpoints and calls one, as MLflow's
 * {@code gateway_proxy_handler} does. Only the paths {@link GatewayPaths} allows are forwarded, always to the
 * configured server; the caller's headers are not passed on, redirects are not followed, and the configured timeout
 * bounds connecting and waiting for the answer to begin (where a model call spends its time).
 */
public final class GatewayProxy implements AutoCloseable {
    /** Largest answer read from the deployments server; a chat completion is a few KiB. */
    static final int MAX_ANSWER_BYTES = 16 * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder()
            // Python's json module writes NaN and the infinities bare.
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final GatewaySettings settings;
    /** Only with a target: an HTTP client starts a selector thread, which a server without one does not need. */
    private final Optional<HttpClient> http;

    public GatewayProxy(GatewaySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = settings.target()
                .map(target -> HttpClient.newBuilder()
                        .connectTimeout(settings.timeout())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build());
    }

    /**
     * Forwards one call and returns the deployments server's JSON answer.
     *
     * <p>Without a configured server the answer is an empty endpoint list, as MLflow's server pretends one is
     * running. Otherwise {@code gatewayPath} must be one MLflow's server forwards (INVALID_PARAMETER_VALUE);
     * {@code jsonData}, when present, is sent as the JSON body. An answer other than 200 is MLflow's INTERNAL_ERROR
     * quoting it; a server that cannot be reached is TEMPORARILY_UNAVAILABLE and one that does not answer in time
     * DEADLINE_EXCEEDED.
     *
     * @param method GET or POST
     */
    public JsonNode forward(String method, Optional<String> gatewayPath, Optional<JsonNode> jsonData) {
        if (http.isEmpty()) {
            return JSON.createObjectNode().set("endpoints", JSON.createArrayNode());
        }
        String path = GatewayPaths.check(method, gatewayPath.orElse(null));
        HttpResponse<InputStream> response = send(request(method, path, jsonData));
        byte[] body = read(response);
        if (response.statusCode() != 200) {
            throw new FlowlineException(
                    ErrorCode.INTERNAL_ERROR,
                    "Deployments proxy request failed with error code " + response.statusCode() + ". Error message: "
                            + new String(body, StandardCharsets.UTF_8));
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new FlowlineException(
                    ErrorCode.INTERNAL_ERROR,
                    "Deployments proxy request failed: the deployments server's answer to " + path + " is not JSON");
        }
    }

    private HttpRequest request(String method, String path, Optional<JsonNode> jsonData) {
        URI target = settings.target().orElseThrow();
        String base = target.toString();
        URI uri = URI.create((base.endsWith("/") ? base : base + "/") + path);
        // GatewayPaths admits no character that could move the call elsewhere; this holds even if that ever changes.
        if (!Objects.equals(uri.getScheme(), target.getScheme())
                || !Objects.equals(uri.getRawAuthority(), target.getRawAuthority())) {
            throw FlowlineException.invalidParameter("Invalid gateway_path: %s for method: %s", path, method);
        }
        Optional<byte[]> payload =
                jsonData.filter(node -> !node.isNull() && !node.isMissingNode()).map(GatewayProxy::write);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Accept", "application/json")
                .method(
                        method,
                        payload.map(HttpRequest.BodyPublishers::ofByteArray)
                                .orElse(HttpRequest.BodyPublishers.noBody()));
        payload.ifPresent(bytes -> request.header("Content-Type", "application/json"));
        return request.build();
    }

    private HttpResponse<InputStream> send(HttpRequest request) {
        try {
            return http.orElseThrow().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw failed("Deployments proxy request failed: cannot reach the deployments server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FlowlineException(ErrorCode.CANCELLED, "Deployments proxy request was interrupted");
        }
    }

    private byte[] read(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(MAX_ANSWER_BYTES + 1);
            if (body.length > MAX_ANSWER_BYTES) {
                throw new FlowlineException(
                        ErrorCode.INTERNAL_ERROR,
                        "Deployments proxy request failed: the deployments server's answer exceeds " + MAX_ANSWER_BYTES
                                + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw failed("Deployments proxy request failed while reading the deployments server's answer", e);
        }
    }

    /** A timeout as DEADLINE_EXCEEDED; any other I/O failure as TEMPORARILY_UNAVAILABLE, after {@code message}. */
    private FlowlineException failed(String message, IOException e) {
        if (e instanceof HttpTimeoutException) {
            return new FlowlineException(
                    ErrorCode.DEADLINE_EXCEEDED,
                    "Deployments proxy request timed out: the deployments server did not answer within "
                            + settings.timeout().toMillis() + " ms");
        }
        String detail = e.getMessage() == null ? " (" + e.getClass().getSimpleName() + ")" : ": " + e.getMessage();
        return new FlowlineException(ErrorCode.TEMPORARILY_UNAVAILABLE, message + detail);
    }

    private static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Stops the HTTP client's threads; calls still waiting for the deployments server end with an error. */
    @Override
    public void close() {
        http.ifPresent(HttpClient::shutdownNow);
    }
}

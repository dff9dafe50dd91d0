package dev.flowline.server.http;

import dev.flowline.core.error.ErrorCode;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderValues;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers requests the web server rejects before any route sees them (a query string with a bad percent
 * escape, a malformed header) in MLflow's error form, so a client always gets {@code {"error_code","message"}}
 * as JSON instead of an empty body.
 */
public final class TransportErrors implements DirectHandler {
    private final WireJson json;

    private TransportErrors(WireJson json) {
        this.json = json;
    }

    /** The server's direct handlers, with client errors answered as MLflow's JSON. */
    public static DirectHandlers handlers(WireJson json) {
        TransportErrors errors = new TransportErrors(json);
        return DirectHandlers.builder()
                .addHandler(EventType.BAD_REQUEST, errors)
                .addHandler(EventType.PAYLOAD_TOO_LARGE, errors)
                .build();
    }

    @Override
    public TransportResponse handle(
            TransportRequest request,
            EventType eventType,
            Status defaultStatus,
            ServerResponseHeaders responseHeaders,
            String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error_code", ErrorCode.INVALID_PARAMETER_VALUE.name());
        body.put("message", "Malformed request: " + (message == null || message.isBlank() ? "rejected" : message));
        responseHeaders.set(HeaderValues.CONTENT_TYPE_JSON);
        return TransportResponse.builder()
                .status(defaultStatus)
                .headers(responseHeaders)
                .keepAlive(eventType.keepAlive())
                .entity(json.write(body))
                .build();
    }
}

package dev.flowline.server.http;

import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import java.util.List;

/**
 * Registers an API's routes. Each route is one entry here and is served under both {@code /api/2.0/}
 * and {@code /ajax-api/2.0/} (and under the static prefix, when one is set).
 */
public final class RouteTable {
    private static final List<String> API_PREFIXES = List.of("/api/2.0/", "/ajax-api/2.0/");

    private final HttpRouting.Builder routing;
    private final WireJson json;
    private final ErrorMapper errors;
    private final String staticPrefix;
    private final String unavailableReason;

    public RouteTable(HttpRouting.Builder routing, WireJson json, ErrorMapper errors, String staticPrefix) {
        this(routing, json, errors, staticPrefix, null);
    }

    private RouteTable(
            HttpRouting.Builder routing,
            WireJson json,
            ErrorMapper errors,
            String staticPrefix,
            String unavailableReason) {
        this.routing = routing;
        this.json = json;
        this.errors = errors;
        this.staticPrefix = staticPrefix;
        this.unavailableReason = unavailableReason;
    }

    /**
     * A table whose routes exist but answer 503 with MLflow's plain-text message
     * {@code Endpoint: <route> disabled due to <reason>} (as {@code mlflow server --artifacts-only} and
     * {@code --no-serve-artifacts} do for the endpoints they switch off).
     */
    public RouteTable unavailable(String reason) {
        return new RouteTable(routing, json, errors, staticPrefix, reason);
    }

    public RouteTable get(String path, JsonHandler handler) {
        return json(Method.GET, path, handler);
    }

    public RouteTable post(String path, JsonHandler handler) {
        return json(Method.POST, path, handler);
    }

    public RouteTable patch(String path, JsonHandler handler) {
        return json(Method.PATCH, path, handler);
    }

    public RouteTable delete(String path, JsonHandler handler) {
        return json(Method.DELETE, path, handler);
    }

    /**
     * A JSON API route under both API prefixes, e.g. {@code path = "mlflow/runs/get"}.
     */
    public RouteTable json(Method method, String path, JsonHandler handler) {
        return api(method, path, answering(handler));
    }

    /**
     * A JSON route at an absolute path only, e.g. the web UI's {@code /ajax-api/2.0/mlflow/gateway-proxy}, which
     * MLflow serves under that prefix alone.
     */
    public RouteTable rawJson(Method method, String absolutePath, JsonHandler handler) {
        return raw(method, absolutePath, answering(handler));
    }

    private Handler answering(JsonHandler handler) {
        return (req, res) -> {
            Object result = handler.handle(new ApiRequest(req, json));
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            if (result instanceof StreamedJson body) {
                json.write(body, res.outputStream());
            } else {
                res.send(json.write(result == null ? java.util.Map.of() : result));
            }
        };
    }

    /** A route under both API prefixes whose handler writes the response itself (streaming). */
    public RouteTable api(Method method, String path, Handler handler) {
        for (String prefix : API_PREFIXES) {
            raw(method, prefix + path, handler);
        }
        return this;
    }

    /**
     * A route at an absolute path, e.g. {@code /health}; failures are still answered in MLflow's error form. A
     * {@code GET} route answers {@code HEAD} as well ({@link HeadResponse}).
     */
    public RouteTable raw(Method method, String absolutePath, Handler handler) {
        Handler answer = unavailableReason == null ? guarded(handler) : disabled(staticPrefix + absolutePath);
        routing.route(method, staticPrefix + absolutePath, answer);
        if (method == Method.GET) {
            routing.route(Method.HEAD, staticPrefix + absolutePath, HeadResponse.answering(answer));
        }
        return this;
    }

    private Handler guarded(Handler handler) {
        return (req, res) -> {
            try {
                handler.handle(req, res);
            } catch (Exception e) {
                errors.handle(req, res, e);
            }
        };
    }

    private Handler disabled(String route) {
        String message = "Endpoint: " + route + " disabled due to " + unavailableReason;
        return (req, res) -> res.status(Status.SERVICE_UNAVAILABLE_503)
                .header(HeaderValues.CONTENT_TYPE_TEXT_PLAIN)
                .send(message);
    }

    /** The JSON codec, for handlers that stream JSON. */
    public WireJson json() {
        return json;
    }

    /** The error mapper, for handlers that answer errors themselves. */
    public ErrorMapper errors() {
        return errors;
    }
}

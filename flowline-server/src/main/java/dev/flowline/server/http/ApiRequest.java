package dev.flowline.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowline.core.error.FlowlineException;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * One API call as MLflow's server reads it: GET arguments from the query string (a repeated key is a list),
 * other methods from a JSON body that must be sent as {@code application/json}; a body that is a JSON string
 * holding JSON (double-encoded) is unwrapped.
 */
public final class ApiRequest {
    /** Largest JSON body read into memory; larger bodies are refused before parsing. */
    public static final int MAX_JSON_BODY_BYTES = 16 * 1024 * 1024;

    private final ServerRequest request;
    private final WireJson json;
    private byte[] body;
    private RequestArgs args;

    public ApiRequest(ServerRequest request, WireJson json) {
        this.request = request;
        this.json = json;
    }

    /** The underlying request, for handlers that stream or read headers. */
    public ServerRequest raw() {
        return request;
    }

    /** A path parameter of the route, e.g. {@code {+path}}. */
    public String pathParam(String name) {
        return request.path().pathParameters().get(name);
    }

    public Optional<String> header(String name) {
        return request.headers().first(HeaderNames.create(name));
    }

    /** The size of the JSON body in bytes (0 for GET and HEAD). */
    public int bodySize() {
        return readsQuery() ? 0 : body().length;
    }

    /** GET and HEAD take their arguments from the query string (HEAD runs the GET's handler). */
    private boolean readsQuery() {
        Method method = request.prologue().method();
        return method == Method.GET || method == Method.HEAD;
    }

    /**
     * The JSON body as sent, empty when there is none; read (and its content type checked) on first use. For
     * handlers that decode large bodies by streaming instead of through {@link #args()}.
     */
    public byte[] body() {
        if (body == null) {
            if (request.content().hasEntity()) {
                requireJsonContentType();
                body = readBody();
            } else {
                body = new byte[0];
            }
        }
        return body;
    }

    /** A streaming parser over the body, with the API's JSON features. */
    public JsonParser bodyParser() throws IOException {
        return json.mapper().createParser(body());
    }

    /** The call's arguments, parsed on first use. */
    public RequestArgs args() {
        if (args == null) {
            boolean query = readsQuery() || !request.content().hasEntity();
            args = new RequestArgs(query ? fromQuery() : fromBody(), query);
        }
        return args;
    }

    private ObjectNode fromQuery() {
        ObjectNode node = json.mapper().createObjectNode();
        UriQuery query = request.query();
        for (String name : query.names()) {
            var values = query.all(name);
            if (values.size() == 1) {
                node.put(name, values.getFirst());
            } else {
                ArrayNode array = node.putArray(name);
                values.forEach(array::add);
            }
        }
        return node;
    }

    private ObjectNode fromBody() {
        body();
        if (body.length == 0) {
            return json.mapper().createObjectNode();
        }
        JsonNode node = parse(body);
        if (node.isTextual()) {
            node = parse(node.asText().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (node.isNull()) {
            return json.mapper().createObjectNode();
        }
        if (!(node instanceof ObjectNode objectNode)) {
            throw FlowlineException.invalidParameter("Malformed request: the JSON body must be an object");
        }
        return objectNode;
    }

    private void requireJsonContentType() {
        Optional<String> contentType = header("Content-Type");
        if (contentType.isEmpty()) {
            throw FlowlineException.invalidParameter("Bad Request. Content-Type header is missing.");
        }
        String mediaType = contentType.get().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json")) {
            throw FlowlineException.invalidParameter("Bad Request. Content-Type must be one of ['application/json'].");
        }
    }

    private byte[] readBody() {
        try (InputStream in = request.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_JSON_BODY_BYTES + 1);
            if (bytes.length > MAX_JSON_BODY_BYTES) {
                throw FlowlineException.invalidParameter(
                        "Request body exceeds the limit of %d bytes", MAX_JSON_BODY_BYTES);
            }
            return bytes;
        } catch (IOException e) {
            throw FlowlineException.invalidParameter("Malformed request: cannot read the body: %s", e.getMessage());
        }
    }

    private JsonNode parse(byte[] bytes) {
        try {
            return json.read(bytes);
        } catch (IOException e) {
            throw FlowlineException.invalidParameter(
                    "Malformed request: the body is not valid JSON: %s",
                    e.getMessage() == null
                            ? ""
                            : e.getMessage().lines().findFirst().orElse(""));
        }
    }
}

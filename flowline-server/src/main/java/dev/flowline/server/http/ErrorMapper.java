package dev.flowline.server.http;

import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes every failure as MLflow's error body {@code {"error_code", "message"}} with the code's HTTP status.
 * An unexpected exception is logged with its stack trace and answered as INTERNAL_ERROR without details.
 */
public final class ErrorMapper {
    private static final System.Logger LOG = System.getLogger(ErrorMapper.class.getName());

    private final WireJson json;

    public ErrorMapper(WireJson json) {
        this.json = json;
    }

    /** Answers the request with the error, unless a response has already been sent. */
    public void handle(ServerRequest request, ServerResponse response, Throwable failure) {
        FlowlineException error = toFlowlineException(request, failure);
        if (!startOver(response)) {
            LOG.log(
                    Level.WARNING,
                    "Failure after the response was sent for " + describe(request) + ": " + error.getMessage());
            return;
        }
        send(response, error.code(), error.getMessage());
    }

    /**
     * Drops what the handler had set up for its own answer — headers such as the length, range and name of a file,
     * an output stream it had begun to fill — so that the error is framed and labelled as itself. False when part of
     * that answer has already gone out.
     */
    private static boolean startOver(ServerResponse response) {
        if (response.isSent()) {
            return false;
        }
        if (response instanceof RoutingResponse routing) {
            return routing.reset();
        }
        response.headers().clear();
        return true;
    }

    /** Writes an error body with the code's status. */
    public void send(ServerResponse response, ErrorCode code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error_code", code.name());
        body.put("message", message);
        response.status(code.httpStatus());
        response.header(HeaderValues.CONTENT_TYPE_JSON);
        response.send(json.write(body));
    }

    private FlowlineException toFlowlineException(ServerRequest request, Throwable failure) {
        if (failure instanceof FlowlineException e) {
            if (e.code().httpStatus() >= 500) {
                LOG.log(Level.ERROR, describe(request) + " failed: " + e.getMessage(), e);
            }
            return e;
        }
        LOG.log(Level.ERROR, describe(request) + " failed unexpectedly", failure);
        return new FlowlineException(
                ErrorCode.INTERNAL_ERROR, "An internal error occurred; the server log has the details");
    }

    private static String describe(ServerRequest request) {
        return request.prologue().method().text() + " " + request.path().path();
    }
}

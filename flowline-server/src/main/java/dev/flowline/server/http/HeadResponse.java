package dev.flowline.server.http;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.ServerResponseTrailers;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * The answer to a {@code HEAD} request, made by running the route's {@code GET} handler: the same status and
 * headers, with the {@code Content-Length} of the body the {@code GET} would send, and no body (RFC 9110 §9.3.2, as
 * MLflow's Flask server answers {@code HEAD} on every {@code GET} route). Helidon sends whatever entity it is given,
 * even for {@code HEAD}, which would corrupt the next response on a kept-alive connection; this response hands it an
 * empty one.
 */
public final class HeadResponse implements ServerResponse {
    private static final byte[] NO_BODY = new byte[0];

    private final ServerResponse delegate;
    private CountingSink body;
    /** Whether the handler passed the request on ({@code next}, {@code reroute}): another handler answers it. */
    private boolean passedOn;

    private HeadResponse(ServerResponse delegate) {
        this.delegate = delegate;
    }

    /** The {@code HEAD} handler of a {@code GET} route. */
    public static Handler answering(Handler get) {
        return (req, res) -> {
            HeadResponse head = new HeadResponse(res);
            try {
                get.handle(req, head);
            } catch (Exception | Error e) {
                // Helidon would answer what escapes with a body of its own, breaking the connection's next answer.
                if (!res.isSent()) {
                    head.status(Status.INTERNAL_SERVER_ERROR_500);
                    head.sendHeaders(0);
                }
                throw e;
            }
            head.finish();
        };
    }

    /**
     * Sends the headers once the handler has returned: with the length of what it wrote to its output stream; with
     * a 500, as Helidon answers the {@code GET}, when it returned without answering. Not when the stream is closed,
     * as a handler that fails after closing it must still get its error answered.
     */
    private void finish() {
        if (delegate.isSent() || passedOn) {
            return;
        }
        if (body == null) {
            delegate.status(Status.INTERNAL_SERVER_ERROR_500);
        }
        sendHeaders(body == null ? 0 : body.count);
    }

    @Override
    public void send(byte[] bytes, int position, int length) {
        sendHeaders(length);
    }

    @Override
    public void send(byte[] bytes) {
        sendHeaders(bytes.length);
    }

    @Override
    public void send() {
        sendHeaders(0);
    }

    @Override
    public void send(Object entity) {
        if (entity instanceof byte[] bytes) {
            send(bytes);
        } else if (entity instanceof String text) {
            send(text.getBytes(StandardCharsets.UTF_8));
        } else {
            throw new IllegalArgumentException(
                    "No HEAD answer for a body of type " + entity.getClass().getName());
        }
    }

    private void sendHeaders(long bodyLength) {
        // A length the handler set (a file's size, a range's) is the GET's; an error clears it (ErrorMapper).
        if (!delegate.headers().contains(HeaderNames.CONTENT_LENGTH)) {
            delegate.headers().contentLength(bodyLength);
        }
        delegate.send(NO_BODY);
    }

    /** A stream that counts what the handler writes; the headers go when the handler returns. */
    @Override
    public OutputStream outputStream() {
        if (body == null) {
            body = new CountingSink();
        }
        return body;
    }

    @Override
    public ServerResponse status(Status status) {
        delegate.status(status);
        return this;
    }

    @Override
    public Status status() {
        return delegate.status();
    }

    @Override
    public ServerResponse header(Header header) {
        delegate.header(header);
        return this;
    }

    @Override
    public boolean isSent() {
        return delegate.isSent();
    }

    @Override
    public long bytesWritten() {
        return 0;
    }

    @Override
    public ServerResponse whenSent(Runnable listener) {
        delegate.whenSent(listener);
        return this;
    }

    @Override
    public ServerResponse beforeSend(Runnable listener) {
        delegate.beforeSend(listener);
        return this;
    }

    @Override
    public ServerResponse reroute(String newPath) {
        passedOn = true;
        delegate.reroute(newPath);
        return this;
    }

    @Override
    public ServerResponse reroute(String path, UriQuery query) {
        passedOn = true;
        delegate.reroute(path, query);
        return this;
    }

    @Override
    public ServerResponse next() {
        passedOn = true;
        delegate.next();
        return this;
    }

    @Override
    public ServerResponseHeaders headers() {
        return delegate.headers();
    }

    @Override
    public ServerResponseTrailers trailers() {
        return delegate.trailers();
    }

    @Override
    public void streamResult(String result) {
        delegate.streamResult(result);
    }

    /** Nothing to filter: a {@code HEAD} answer has no body (and a filter would make Helidon stream one). */
    @Override
    public void streamFilter(UnaryOperator<OutputStream> filterFunction) {}

    private static final class CountingSink extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }
}

package dev.flowline.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A REST client that keeps HTTP/1.1 connections alive and pools them across threads as real clients do, each
 * request on a connection of its own while it runs. Any answer but 200 fails the benchmark. Answers are
 * returned unparsed: a scenario parses only what it reads, so the client's CPU (on the same cores as the
 * server) is not charged to the server.
 */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_MILLIS = 60_000;

    private final URI base;
    private final String hostHeader;
    private final ConcurrentLinkedDeque<HttpConnection> idle = new ConcurrentLinkedDeque<>();

    public Api(URI base) {
        this.base = base;
        this.hostHeader = base.getHost() + ":" + base.getPort();
    }

    public URI base() {
        return base;
    }

    /** POSTs a JSON body. */
    public HttpResponse post(String path, String body) {
        return post(path, body.getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs a JSON body given as UTF-8 bytes, e.g. one built before the timing starts. */
    public HttpResponse post(String path, byte[] body) {
        byte[] head = HttpConnection.ascii("POST " + path + " HTTP/1.1\r\nHost: " + hostHeader
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n");
        return ok("POST " + path, send(head, body));
    }

    /** GETs a path with its query string. */
    public HttpResponse get(String pathAndQuery) {
        return ok("GET " + pathAndQuery, send(request("GET", pathAndQuery), null));
    }

    /** The status of a GET on a connection of its own, -1 when there is no answer within 2 s. */
    public int status(String path) {
        try (HttpConnection connection = new HttpConnection(base.getHost(), base.getPort(), 2000)) {
            return connection.exchange(request("GET", path), null).status();
        } catch (IOException e) {
            return -1;
        }
    }

    private byte[] request(String method, String target) {
        return HttpConnection.ascii(method + " " + target + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n\r\n");
    }

    private HttpResponse send(byte[] head, byte[] body) {
        HttpConnection pooled = idle.pollFirst();
        try {
            if (pooled != null) {
                try {
                    return exchange(pooled, head, body);
                } catch (HttpConnection.NoAnswer e) {
                    // The server closed the idle connection; the request was not processed, so send it again.
                }
            }
            return exchange(new HttpConnection(base.getHost(), base.getPort(), TIMEOUT_MILLIS), head, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse exchange(HttpConnection connection, byte[] head, byte[] body) throws IOException {
        HttpResponse response;
        try {
            response = connection.exchange(head, body);
        } catch (IOException e) {
            connection.close();
            throw e;
        }
        if (connection.reusable()) {
            idle.addFirst(connection);
        } else {
            connection.close();
        }
        return response;
    }

    private static HttpResponse ok(String request, HttpResponse response) {
        if (response.status() != 200) {
            throw new IllegalStateException(request + " answered " + response.status() + ": " + response.text());
        }
        return response;
    }

    /** A JSON string literal. */
    public static String quote(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

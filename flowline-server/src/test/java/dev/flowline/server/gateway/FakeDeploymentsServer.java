package dev.flowline.server.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small deployments server on a free port, in the shape of MLflow's: {@code /base/api/2.0/endpoints/} lists one chat
 * endpoint, {@code /base/gateway/chat/invocations} answers with a completion that echoes the request, and a few
 * endpoints misbehave on purpose. Every request it receives is recorded.
 */
final class FakeDeploymentsServer implements AutoCloseable {
    static final String ENDPOINTS = "{\"endpoints\": [{\"name\": \"chat\", \"endpoint_type\": \"llm/v1/chat\","
            + " \"endpoint_url\": \"/gateway/chat/invocations\", \"model\": {\"name\": \"gpt-4o-mini\", \"provider\": \"openai\"}}]}";

    /** One request as it arrived. */
    record Received(String method, String path, String contentType, String injected, String body) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    FakeDeploymentsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The base URL to configure as the target. */
    URI target() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/base");
    }

    List<Received> received() {
        return received;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath();
        received.add(new Received(
                exchange.getRequestMethod(),
                path,
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("X-Injected"),
                body));
        switch (path) {
            case "/base/api/2.0/endpoints/" -> answer(exchange, 200, ENDPOINTS);
            case "/base/gateway/chat/invocations" ->
                answer(
                        exchange,
                        200,
                        "{\"choices\": [{\"message\": {\"role\": \"assistant\", \"content\": \"hi\"}}],"
                                + " \"usage\": {\"total_tokens\": 7}, \"echo\": " + (body.isEmpty() ? "null" : body)
                                + "}");
            case "/base/gateway/missing/invocations" -> answer(exchange, 404, "{\"detail\": \"no such endpoint\"}");
            case "/base/gateway/plain/invocations" -> answer(exchange, 200, "not json");
            case "/base/gateway/slow/invocations" -> {
                sleep();
                answer(exchange, 200, "{}");
            }
            default -> answer(exchange, 404, "{\"detail\": \"Not Found\"}");
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.flowline.server.http;

import static dev.flowline.server.http.RawConnection.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Handlers that fail after they began their answer, on a web server with only a {@link RouteTable}'s routes: the
 * error is answered whole, with its own length, on {@code GET} and on {@code HEAD}, and the kept-alive connection
 * goes on to answer the next request.
 */
class RouteFailureTest {
    private static final String NOT_FOUND = "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"gone\"}";

    private static WebServer server;

    @BeforeAll
    static void start() {
        HttpRouting.Builder routing = HttpRouting.builder();
        WireJson json = new WireJson();
        new RouteTable(routing, json, new ErrorMapper(json), "")
                .raw(Method.GET, "/ok", (req, res) -> res.send("ok"))
                .raw(Method.GET, "/length-then-fails", (req, res) -> {
                    res.header(HeaderNames.CONTENT_LENGTH, "1000");
                    res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"x.bin\"");
                    throw new FlowlineException(ErrorCode.RESOURCE_DOES_NOT_EXIST, "gone");
                })
                .raw(Method.GET, "/fails-while-streaming", (req, res) -> {
                    try (OutputStream out = res.outputStream()) {
                        out.write("{\"runs\":[".getBytes(StandardCharsets.UTF_8));
                        throw new FlowlineException(ErrorCode.RESOURCE_DOES_NOT_EXIST, "gone");
                    }
                })
                .raw(Method.GET, "/answers-nothing", (req, res) -> {});
        server = WebServer.builder().port(0).routing(routing).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void anErrorAfterTheHandlerSetALengthIsAnsweredWithItsOwn() throws IOException {
        assertThat(answeredAsNotFound("/length-then-fails").headers()).doesNotContainKey("content-disposition");
    }

    @Test
    void anErrorWhileStreamingIsAnsweredAsTheError() throws IOException {
        answeredAsNotFound("/fails-while-streaming");
    }

    @Test
    void aHandlerThatAnswersNothingGetsA500WithoutABodyOnHead() throws IOException {
        RawConnection.Response head = thenOk("HEAD", "/answers-nothing");
        assertThat(head.status()).isEqualTo(500);
        assertThat(head.headers()).containsEntry("content-length", "0");
    }

    /** Checks the GET and the HEAD of the path against the handler's 404; returns the GET's answer. */
    private static RawConnection.Response answeredAsNotFound(String path) throws IOException {
        RawConnection.Response get = thenOk("GET", path);
        assertThat(get.status()).isEqualTo(404);
        assertThat(new String(get.body(), StandardCharsets.UTF_8)).isEqualTo(NOT_FOUND);

        RawConnection.Response head = thenOk("HEAD", path);
        assertThat(head.status()).isEqualTo(404);
        assertThat(head.headers()).containsEntry("content-length", Integer.toString(NOT_FOUND.length()));
        return get;
    }

    /** Sends the request and a GET of {@code /ok} in one write; returns the request's answer once /ok's followed. */
    private static RawConnection.Response thenOk(String method, String path) throws IOException {
        try (RawConnection connection = new RawConnection(server.port())) {
            connection.send(request(method, path), request("GET", "/ok"));
            RawConnection.Response answer = connection.answerTo(method);
            assertThat(connection.response().text()).isEqualTo("ok");
            return answer;
        }
    }
}

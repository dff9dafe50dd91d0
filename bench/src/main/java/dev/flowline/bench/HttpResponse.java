package dev.flowline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** An answer's status and body; the body is parsed only when a scenario reads it. */
public record HttpResponse(int status, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body parsed as JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}

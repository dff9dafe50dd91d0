package dev.flowline.server.graphql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MLflow's GraphQL answer {@code {"data": …, "errors": […]}}: errors are their messages alone, and {@code null}
 * (not absent) when there are none; nulls inside {@code data} are kept.
 */
record GraphqlAnswer(Object data, List<String> errors) {
    // Not the REST dialect: that one leaves out nulls, which GraphQL answers must keep.
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    static GraphqlAnswer refused(String message) {
        return new GraphqlAnswer(null, List.of(message));
    }

    byte[] toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("errors", errors == null || errors.isEmpty() ? null : errors);
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.flowline.server.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Map;

/**
 * The JSON dialect of MLflow's REST API: snake_case names, unset (null) fields and empty lists omitted,
 * int64 as numbers, NaN and the infinities accepted on input (Python's client writes them bare).
 */
public final class WireJson {
    private final ObjectMapper mapper;

    public WireJson() {
        JsonMapper jsonMapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                // Metric values dominate log-batch bodies; this parser is several times faster and rounds the same.
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        JsonInclude.Value omitEmpty =
                JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.ALWAYS);
        jsonMapper.configOverride(Collection.class).setInclude(omitEmpty);
        jsonMapper.configOverride(java.util.List.class).setInclude(omitEmpty);
        jsonMapper.configOverride(Map.class).setInclude(omitEmpty);
        this.mapper = jsonMapper;
    }

    /** The configured mapper, for callers that stream. */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** Serialises a wire record. */
    public byte[] write(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a streamed body to the stream and closes it. */
    public void write(StreamedJson body, OutputStream out) throws IOException {
        try (JsonGenerator generator = mapper.createGenerator(out, JsonEncoding.UTF8)) {
            // No flush of the response on close: an answer that fits the server's write buffer is then sent with a
            // Content-Length instead of chunked, as the byte-array path sends it.
            generator.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
            body.writeTo(generator);
        }
    }

    /**
     * A handler's answer (a wire record or a {@link StreamedJson}) as the JSON tree it is sent as, for callers that
     * read the answer instead of sending it.
     */
    public JsonNode tree(Object answer) {
        if (!(answer instanceof StreamedJson streamed)) {
            return mapper.valueToTree(answer);
        }
        try (TokenBuffer buffer = new TokenBuffer(mapper, false)) {
            streamed.writeTo(buffer);
            return mapper.readTree(buffer.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a body; throws {@link IOException} on malformed JSON. */
    public JsonNode read(byte[] body) throws IOException {
        return mapper.readTree(body);
    }
}

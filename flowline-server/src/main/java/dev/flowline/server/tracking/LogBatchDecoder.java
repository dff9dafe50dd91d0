package dev.flowline.server.tracking;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.flowline.core.tracking.Metric;
import dev.flowline.core.tracking.Param;
import dev.flowline.core.tracking.RunTag;
import dev.flowline.server.http.ApiRequest;
import dev.flowline.server.http.RequestArgs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Decodes a log-batch body in one streaming pass straight into records, for the shape every client sends:
 * string ids and keys, JSON numbers for values, timestamps and steps. Anything else (numbers as strings, nulls,
 * a field given twice, a double-encoded body, malformed JSON) is left to the general request parsing, which
 * accepts or rejects it with MLflow's messages; so this decoder never fails a request itself.
 */
final class LogBatchDecoder {
    private LogBatchDecoder() {}

    /** What a log-batch request asks to log. */
    record LogBatch(String runId, List<Metric> metrics, List<Param> params, List<RunTag> tags) {}

    /** The request's batch: streamed when the body has the common shape, else through the request's arguments. */
    static LogBatch decode(ApiRequest request) {
        return streamed(request).orElseGet(() -> fromArgs(request.args()));
    }

    /** The batch, or empty when the body is not of the common shape. */
    static Optional<LogBatch> streamed(ApiRequest request) {
        try (JsonParser parser = request.bodyParser()) {
            return Optional.ofNullable(batch(parser));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static LogBatch fromArgs(RequestArgs args) {
        return new LogBatch(
                TrackingArgs.runId(args),
                TrackingArgs.metrics(args),
                TrackingArgs.batchKeyValues(args, "params", Param::new),
                TrackingArgs.batchKeyValues(args, "tags", RunTag::new));
    }

    private static LogBatch batch(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String runId = null;
        String runUuid = null;
        List<Metric> metrics = null;
        List<Param> params = null;
        List<RunTag> tags = null;
        for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
            JsonToken token = parser.nextToken();
            switch (field) {
                case "run_id" -> {
                    if ((runId = firstString(runId, parser, token)) == null) {
                        return null;
                    }
                }
                case "run_uuid" -> {
                    if ((runUuid = firstString(runUuid, parser, token)) == null) {
                        return null;
                    }
                }
                case "metrics" -> {
                    if (metrics != null || (metrics = metrics(parser, token)) == null) {
                        return null;
                    }
                }
                case "params" -> {
                    if (params != null || (params = keyValues(parser, token, Param::new)) == null) {
                        return null;
                    }
                }
                case "tags" -> {
                    if (tags != null || (tags = keyValues(parser, token, RunTag::new)) == null) {
                        return null;
                    }
                }
                default -> parser.skipChildren();
            }
        }
        if (parser.nextToken() != null) {
            return null;
        }
        String id = runId != null && !runId.isEmpty() ? runId : runUuid;
        if (id == null || id.isEmpty()) {
            return null;
        }
        return new LogBatch(
                id,
                metrics == null ? List.of() : metrics,
                params == null ? List.of() : params,
                tags == null ? List.of() : tags);
    }

    private static List<Metric> metrics(JsonParser parser, JsonToken token) throws IOException {
        if (token != JsonToken.START_ARRAY) {
            return null;
        }
        List<Metric> metrics = new ArrayList<>();
        for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
            if (item != JsonToken.START_OBJECT) {
                return null;
            }
            String key = null;
            double value = 0;
            boolean hasValue = false;
            long timestamp = 0;
            boolean hasTimestamp = false;
            long step = 0;
            boolean hasStep = false;
            for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                JsonToken fieldToken = parser.nextToken();
                switch (field) {
                    case "key" -> {
                        if ((key = firstString(key, parser, fieldToken)) == null) {
                            return null;
                        }
                    }
                    case "value" -> {
                        if (hasValue || !fieldToken.isNumeric()) {
                            return null;
                        }
                        value = parser.getDoubleValue();
                        hasValue = true;
                    }
                    case "timestamp" -> {
                        if (hasTimestamp || !isLong(parser, fieldToken)) {
                            return null;
                        }
                        timestamp = parser.getLongValue();
                        hasTimestamp = true;
                    }
                    case "step" -> {
                        if (hasStep || !isLong(parser, fieldToken)) {
                            return null;
                        }
                        step = parser.getLongValue();
                        hasStep = true;
                    }
                    default -> parser.skipChildren();
                }
            }
            if (key == null || key.isEmpty() || !hasValue || !hasTimestamp) {
                return null;
            }
            metrics.add(new Metric(key, value, timestamp, step));
        }
        return metrics;
    }

    /** The field's text when it is a string met for the first time; null (the fast path gives up) otherwise. */
    private static String firstString(String seen, JsonParser parser, JsonToken token) throws IOException {
        return seen == null && token == JsonToken.VALUE_STRING ? parser.getText() : null;
    }

    private static boolean isLong(JsonParser parser, JsonToken token) throws IOException {
        return token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
    }

    private static <T> List<T> keyValues(JsonParser parser, JsonToken token, BiFunction<String, String, T> make)
            throws IOException {
        if (token != JsonToken.START_ARRAY) {
            return null;
        }
        List<T> result = new ArrayList<>();
        for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
            if (item != JsonToken.START_OBJECT) {
                return null;
            }
            String key = null;
            String value = null;
            for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
                JsonToken fieldToken = parser.nextToken();
                switch (field) {
                    case "key" -> {
                        if ((key = firstString(key, parser, fieldToken)) == null) {
                            return null;
                        }
                    }
                    case "value" -> {
                        if ((value = firstString(value, parser, fieldToken)) == null) {
                            return null;
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (key == null || key.isEmpty()) {
                return null;
            }
            // An unset string is "" in MLflow's protobuf messages.
            result.add(make.apply(key, value == null ? "" : value));
        }
        return result;
    }
}

package dev.flowline.core.tracing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MLflow's size limits for trace tags and request metadata. The database keeps keys of up to 250 characters and
 * values of up to 8000 ({@code trace_tags} and {@code trace_request_metadata}); longer ones are cut to fit rather
 * than refused, as MLflow's clients cut them. Answers carry at most 250 characters of a metadata value, as MLflow's
 * {@code TraceInfo.to_proto} sends them.
 */
final class TraceLimits {
    static final int MAX_KEY_LENGTH = 250;
    static final int MAX_STORED_VALUE_LENGTH = 8000;
    static final int MAX_METADATA_VALUE_LENGTH_IN_ANSWERS = 250;

    private TraceLimits() {}

    /** The entries cut to what the database keeps; of keys equal once cut, the last one wins. */
    static Map<String, String> stored(Map<String, String> entries) {
        Map<String, String> result = new LinkedHashMap<>();
        entries.forEach((key, value) ->
                result.put(cut(key, MAX_KEY_LENGTH), cut(value == null ? "" : value, MAX_STORED_VALUE_LENGTH)));
        return result;
    }

    /** The trace as MLflow's server answers with it. */
    static TraceInfo forClients(TraceInfo trace) {
        Map<String, String> metadata = new LinkedHashMap<>();
        trace.requestMetadata()
                .forEach((key, value) -> metadata.put(key, cut(value, MAX_METADATA_VALUE_LENGTH_IN_ANSWERS)));
        return new TraceInfo(
                trace.requestId(),
                trace.experimentId(),
                trace.timestampMs(),
                trace.executionTimeMs(),
                trace.status(),
                metadata,
                trace.tags());
    }

    private static String cut(String text, int limit) {
        return text.length() > limit ? text.substring(0, limit) : text;
    }
}

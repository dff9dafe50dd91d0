package dev.flowline.server.tracing;

import dev.flowline.core.Page;
import dev.flowline.core.tracing.TraceInfo;
import dev.flowline.server.http.WireMessages.KeyValue;
import java.util.List;
import java.util.Map;

/**
 * The trace API's wire records, shaped as MLflow's protobuf messages in JSON: snake_case, statuses by name, tags
 * and metadata as key/value lists. {@code execution_time_ms} of a trace still running is 0, as MLflow sends it.
 */
final class TracesJson {
    private TracesJson() {}

    record TraceInfoJson(
            String requestId,
            String experimentId,
            long timestampMs,
            long executionTimeMs,
            String status,
            List<KeyValue> requestMetadata,
            List<KeyValue> tags) {
        static TraceInfoJson of(TraceInfo trace) {
            return new TraceInfoJson(
                    trace.requestId(),
                    trace.experimentId(),
                    trace.timestampMs(),
                    trace.executionTimeMs() == null ? 0 : trace.executionTimeMs(),
                    trace.status().name(),
                    keyValues(trace.requestMetadata()),
                    keyValues(trace.tags()));
        }
    }

    record TraceInfoResponse(TraceInfoJson traceInfo) {
        static TraceInfoResponse of(TraceInfo trace) {
            return new TraceInfoResponse(TraceInfoJson.of(trace));
        }
    }

    record SearchTracesResponse(List<TraceInfoJson> traces, String nextPageToken) {
        static SearchTracesResponse of(Page<TraceInfo> page) {
            return new SearchTracesResponse(
                    page.items().stream().map(TraceInfoJson::of).toList(),
                    page.nextPageToken().orElse(null));
        }
    }

    record DeleteTracesResponse(int tracesDeleted) {}

    private static List<KeyValue> keyValues(Map<String, String> entries) {
        return entries.entrySet().stream()
                .map(e -> new KeyValue(e.getKey(), e.getValue()))
                .toList();
    }
}

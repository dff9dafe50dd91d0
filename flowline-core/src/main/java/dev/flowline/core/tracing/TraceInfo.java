package dev.flowline.core.tracing;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a tracking store keeps of one trace (MLflow's {@code TraceInfo}); the spans themselves are a
 * {@code traces.json} artifact under the location in the {@code mlflow.artifactLocation} tag.
 *
 * @param requestId       {@code tr-} and 32 hex digits
 * @param timestampMs     when the trace started
 * @param executionTimeMs how long it ran, null until it ends
 * @param requestMetadata metadata by key, immutable once the trace ends
 * @param tags            tags by key
 */
public record TraceInfo(
        String requestId,
        String experimentId,
        long timestampMs,
        Long executionTimeMs,
        TraceStatus status,
        Map<String, String> requestMetadata,
        Map<String, String> tags) {
    public TraceInfo {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(experimentId, "experimentId");
        Objects.requireNonNull(status, "status");
        requestMetadata = sorted(requestMetadata);
        tags = sorted(tags);
    }

    private static Map<String, String> sorted(Map<String, String> entries) {
        return Collections.unmodifiableMap(new TreeMap<>(entries));
    }
}

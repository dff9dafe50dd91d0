package dev.flowline.core.tracing;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Which traces of an experiment to delete: those started at or before {@code maxTimestampMillis} (the oldest
 * {@code maxTraces} of them when that is given), or those named in {@code requestIds}. The service checks that
 * exactly one of the two forms is used.
 */
public record TraceDeletion(
        String experimentId, OptionalLong maxTimestampMillis, OptionalInt maxTraces, List<String> requestIds) {
    public TraceDeletion {
        Objects.requireNonNull(experimentId, "experimentId");
        Objects.requireNonNull(maxTimestampMillis, "maxTimestampMillis");
        Objects.requireNonNull(maxTraces, "maxTraces");
        requestIds = List.copyOf(requestIds);
    }
}

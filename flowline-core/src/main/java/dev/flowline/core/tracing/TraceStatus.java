package dev.flowline.core.tracing;

import java.util.Locale;
import java.util.Optional;

/** MLflow's trace states, in the order of their protobuf numbers. */
public enum TraceStatus {
    TRACE_STATUS_UNSPECIFIED,
    OK,
    ERROR,
    IN_PROGRESS;

    /** The status named as in MLflow's protobuf enum, or given by its number, as protobuf's JSON parser reads it. */
    public static Optional<TraceStatus> parse(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        for (TraceStatus status : values()) {
            if (status.name().equals(name) || Integer.toString(status.ordinal()).equals(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}

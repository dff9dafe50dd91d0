package dev.flowline.core.tracking;

import java.util.Objects;

/** One point of a metric's history. NaN and the infinities are legal values. */
public record Metric(String key, double value, long timestamp, long step) {
    public Metric {
        Objects.requireNonNull(key, "key");
    }
}

package dev.flowline.core.tracking;

import java.util.Objects;

/** A tag on a run's use of a dataset, e.g. {@code mlflow.data.context=training}. */
public record InputTag(String key, String value) {
    public InputTag {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}

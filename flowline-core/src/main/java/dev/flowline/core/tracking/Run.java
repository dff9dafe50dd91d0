package dev.flowline.core.tracking;

import java.util.List;
import java.util.Objects;

/** A run: its attributes, what was logged to it, and the datasets it used. */
public record Run(RunInfo info, RunData data, List<DatasetInput> inputs) {
    public Run {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(data, "data");
        inputs = List.copyOf(inputs);
    }
}

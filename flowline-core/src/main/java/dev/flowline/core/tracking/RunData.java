package dev.flowline.core.tracking;

import java.util.List;

/**
 * What was logged to a run.
 *
 * @param metrics the latest value of each metric key
 */
public record RunData(List<Metric> metrics, List<Param> params, List<RunTag> tags) {
    public static final RunData EMPTY = new RunData(List.of(), List.of(), List.of());

    public RunData {
        metrics = List.copyOf(metrics);
        params = List.copyOf(params);
        tags = List.copyOf(tags);
    }
}

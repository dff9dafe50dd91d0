package dev.flowline.core.tracking;

import java.util.List;
import java.util.Objects;

/**
 * An experiment: a named group of runs with the root under which their artifacts live.
 *
 * @param experimentId     decimal id, "0" is the default experiment
 * @param artifactLocation root URI of the experiment's artifacts
 * @param creationTime     epoch millis
 * @param lastUpdateTime   epoch millis
 */
public record Experiment(
        String experimentId,
        String name,
        String artifactLocation,
        LifecycleStage lifecycleStage,
        long creationTime,
        long lastUpdateTime,
        List<ExperimentTag> tags) {
    public Experiment {
        Objects.requireNonNull(experimentId, "experimentId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lifecycleStage, "lifecycleStage");
        tags = List.copyOf(tags);
    }
}

package dev.flowline.core.tracking;

import java.util.Objects;

/**
 * A run's attributes.
 *
 * @param runId       32-character lowercase hex id
 * @param startTime   epoch millis, null when unset
 * @param endTime     epoch millis, null while the run has not ended
 * @param artifactUri {@code <experiment artifact location>/<run_id>/artifacts}
 */
public record RunInfo(
        String runId,
        String experimentId,
        String runName,
        String userId,
        RunStatus status,
        Long startTime,
        Long endTime,
        String artifactUri,
        LifecycleStage lifecycleStage) {
    public RunInfo {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(experimentId, "experimentId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lifecycleStage, "lifecycleStage");
    }
}

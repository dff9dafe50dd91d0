package dev.flowline.core.tracking;

import java.util.List;
import java.util.Objects;

/**
 * What the store needs to create a run; the service has validated it and chosen the id.
 *
 * @param startTime epoch millis
 */
public record NewRun(
        String runId, String experimentId, String userId, String runName, long startTime, List<RunTag> tags) {
    public NewRun {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(experimentId, "experimentId");
        tags = List.copyOf(tags);
    }
}

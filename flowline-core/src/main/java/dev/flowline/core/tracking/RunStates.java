package dev.flowline.core.tracking;

import dev.flowline.core.error.FlowlineException;
import java.util.Objects;

/**
 * Looks up experiments and runs, failing with MLflow's messages when they are missing or not active. The
 * messages are public for stores, which check a run's stage inside the transaction that logs to it.
 */
public final class RunStates {
    private final TrackingStore store;

    RunStates(TrackingStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    Experiment experiment(String experimentId) {
        return store.getExperiment(experimentId).orElseThrow(() -> experimentNotFound(experimentId));
    }

    /** The experiment if it is in that stage; as in MLflow, one in another stage does not exist for the caller. */
    Experiment experimentIn(String experimentId, LifecycleStage stage) {
        Experiment experiment = experiment(experimentId);
        if (experiment.lifecycleStage() != stage) {
            throw experimentNotFound(experimentId);
        }
        return experiment;
    }

    Experiment activeExperiment(String experimentId) {
        Experiment experiment = experiment(experimentId);
        if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
            throw experimentNotActive(experimentId, experiment.lifecycleStage());
        }
        return experiment;
    }

    Run run(String runId) {
        return store.getRun(runId).orElseThrow(() -> notFound(runId));
    }

    RunInfo activeRun(String runId) {
        RunInfo info = store.getRunInfo(runId).orElseThrow(() -> notFound(runId));
        requireActive(info);
        return info;
    }

    static void requireActive(RunInfo info) {
        if (info.lifecycleStage() != LifecycleStage.ACTIVE) {
            throw notActive(info.runId(), info.lifecycleStage());
        }
    }

    /** MLflow's INVALID_PARAMETER_VALUE for changing an experiment that is not active. */
    public static FlowlineException experimentNotActive(String experimentId, LifecycleStage stage) {
        return FlowlineException.invalidParameter(
                "The experiment %s must be in the 'active' state. Current state is %s.",
                experimentId, stage.wireName());
    }

    /** MLflow's INVALID_PARAMETER_VALUE for logging to a run that is not active. */
    public static FlowlineException notActive(String runId, LifecycleStage stage) {
        return FlowlineException.invalidParameter(
                "The run %s must be in the 'active' state. Current state is %s.", runId, stage.wireName());
    }

    /** MLflow's RESOURCE_DOES_NOT_EXIST for a run id that names no run. */
    public static FlowlineException notFound(String runId) {
        return FlowlineException.notFound("Run with id=%s not found", runId);
    }

    private static FlowlineException experimentNotFound(String experimentId) {
        return FlowlineException.notFound("No Experiment with id=%s exists", experimentId);
    }
}

package dev.flowline.core.tracking;

/** MLflow's run states. */
public enum RunStatus {
    RUNNING,
    SCHEDULED,
    FINISHED,
    FAILED,
    KILLED;

    /** Whether the run has ended. */
    public boolean isTerminated() {
        return this == FINISHED || this == FAILED || this == KILLED;
    }
}

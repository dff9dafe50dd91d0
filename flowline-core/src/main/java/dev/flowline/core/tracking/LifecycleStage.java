package dev.flowline.core.tracking;

/** Whether an experiment or run is live or soft-deleted; on the wire as MLflow's lowercase names. */
public enum LifecycleStage {
    ACTIVE("active"),
    DELETED("deleted");

    private final String wireName;

    LifecycleStage(String wireName) {
        this.wireName = wireName;
    }

    /** The name MLflow stores and sends: {@code active} or {@code deleted}. */
    public String wireName() {
        return wireName;
    }

    /** The stage with the given wire name. */
    public static LifecycleStage fromWireName(String name) {
        for (LifecycleStage stage : values()) {
            if (stage.wireName.equals(name)) {
                return stage;
            }
        }
        throw new IllegalArgumentException("Unknown lifecycle stage: " + name);
    }
}

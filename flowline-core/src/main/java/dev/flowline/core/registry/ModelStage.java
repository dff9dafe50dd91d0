package dev.flowline.core.registry;

import dev.flowline.core.error.FlowlineException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A model version's deployment stage, as MLflow's (deprecated but widely used) stages. */
public enum ModelStage {
    NONE("None"),
    STAGING("Staging"),
    PRODUCTION("Production"),
    ARCHIVED("Archived");

    /** The stages that {@code archive_existing_versions} may be used with. */
    public static final List<ModelStage> ACTIVE = List.of(STAGING, PRODUCTION);

    private final String wireName;

    ModelStage(String wireName) {
        this.wireName = wireName;
    }

    /** The name as MLflow writes it, e.g. {@code Staging}. */
    public String wireName() {
        return wireName;
    }

    /** Parses a stage name case-insensitively, as MLflow does; fails with MLflow's message. */
    public static ModelStage parse(String name) {
        for (ModelStage stage : values()) {
            if (stage.wireName.toLowerCase(Locale.ROOT).equals(name == null ? null : name.toLowerCase(Locale.ROOT))) {
                return stage;
            }
        }
        throw FlowlineException.invalidParameter(
                "Invalid Model Version stage: %s. Value must be one of %s.",
                name, Arrays.stream(values()).map(ModelStage::wireName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return wireName;
    }
}

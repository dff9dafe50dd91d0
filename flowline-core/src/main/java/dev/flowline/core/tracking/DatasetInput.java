package dev.flowline.core.tracking;

import java.util.List;
import java.util.Objects;

/** A dataset used by a run, with the tags of that use. */
public record DatasetInput(List<InputTag> tags, Dataset dataset) {
    public DatasetInput {
        tags = List.copyOf(tags);
        Objects.requireNonNull(dataset, "dataset");
    }
}

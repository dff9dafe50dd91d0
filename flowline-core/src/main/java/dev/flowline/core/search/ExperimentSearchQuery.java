package dev.flowline.core.search;

import dev.flowline.core.tracking.ViewType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A validated experiment search over {@code attributes.*} (name, creation_time, last_update_time) and {@code tags.*}. */
public record ExperimentSearchQuery(
        Optional<Filter> filter, List<OrderBy> orderBy, ViewType viewType, int maxResults, Optional<String> pageToken) {
    public ExperimentSearchQuery {
        Objects.requireNonNull(filter, "filter");
        orderBy = List.copyOf(orderBy);
        Objects.requireNonNull(viewType, "viewType");
        Objects.requireNonNull(pageToken, "pageToken");
    }
}

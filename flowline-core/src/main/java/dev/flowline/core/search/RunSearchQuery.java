package dev.flowline.core.search;

import dev.flowline.core.tracking.ViewType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated run search. The store appends {@code start_time DESC, run_id} as tie-breakers after
 * the given order.
 *
 * @param pageToken the opaque token of a previous page; the store rejects one it did not issue with INVALID_PARAMETER_VALUE
 */
public record RunSearchQuery(
        List<String> experimentIds,
        Optional<Filter> filter,
        List<OrderBy> orderBy,
        ViewType viewType,
        int maxResults,
        Optional<String> pageToken) {
    public RunSearchQuery {
        experimentIds = List.copyOf(experimentIds);
        Objects.requireNonNull(filter, "filter");
        orderBy = List.copyOf(orderBy);
        Objects.requireNonNull(viewType, "viewType");
        Objects.requireNonNull(pageToken, "pageToken");
    }
}

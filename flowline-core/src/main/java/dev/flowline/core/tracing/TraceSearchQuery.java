package dev.flowline.core.tracing;

import dev.flowline.core.search.Filter;
import dev.flowline.core.search.OrderBy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated trace search. Attribute keys are canonical — {@code request_id}, {@code timestamp_ms},
 * {@code execution_time_ms}, {@code status}, {@code experiment_id} — and MLflow's aliases have been resolved:
 * {@code name} is the tag {@code mlflow.traceName}, {@code run_id} the metadata {@code mlflow.sourceRun}. Fields of
 * type {@link dev.flowline.core.search.EntityType#TAG} are tags, of type
 * {@link dev.flowline.core.search.EntityType#PARAM} request metadata. The order is complete: the service appends
 * {@code timestamp_ms DESC, request_id ASC} unless they are already there.
 *
 * @param pageToken a token of a previous page; the store rejects one it did not issue with INVALID_PARAMETER_VALUE
 */
public record TraceSearchQuery(
        List<String> experimentIds,
        Optional<Filter> filter,
        List<OrderBy> orderBy,
        int maxResults,
        Optional<String> pageToken) {
    public TraceSearchQuery {
        experimentIds = List.copyOf(experimentIds);
        Objects.requireNonNull(filter, "filter");
        orderBy = List.copyOf(orderBy);
        Objects.requireNonNull(pageToken, "pageToken");
    }
}

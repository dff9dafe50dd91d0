package dev.flowline.core.registry;

import dev.flowline.core.search.Filter;
import dev.flowline.core.search.OrderBy;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated search of registered models or model versions. Attribute keys are canonical: {@code name},
 * {@code creation_timestamp}, {@code last_updated_timestamp}, and for versions also {@code version_number},
 * {@code run_id}, {@code source_path}. The order is complete: the service appends MLflow's tie-breakers.
 *
 * @param pageToken      a token of a previous page; the store rejects one it did not issue with INVALID_PARAMETER_VALUE
 * @param excludePrompts leave out models tagged {@code mlflow.prompt.is_prompt = true} (for versions: versions of such
 *                       models, by any version's tag), as MLflow's server does unless a search asks for prompts
 */
public record RegistrySearchQuery(
        Optional<Filter> filter,
        List<OrderBy> orderBy,
        int maxResults,
        Optional<String> pageToken,
        boolean excludePrompts) {
    public RegistrySearchQuery {
        Objects.requireNonNull(filter, "filter");
        orderBy = List.copyOf(orderBy);
        Objects.requireNonNull(pageToken, "pageToken");
    }
}

package dev.flowline.core.promptlab;

import dev.flowline.core.tracking.Param;
import dev.flowline.core.tracking.RunTag;
import java.util.List;
import java.util.Objects;

/**
 * What the web UI sends to record one prompt-engineering try as a run (MLflow's {@code CreatePromptlabRun}); a field
 * the request left out is null (lists: empty). Parameter values are strings, as MLflow's server turns them into with
 * {@code str()}.
 *
 * @param promptParameters      the template's variables and the values tried
 * @param modelParameters       the model's settings (temperature, max_tokens, …), logged as params
 * @param modelOutputParameters figures about the answer (latency, tokens), written to the evaluation table
 * @param startTime             null for now
 */
public record PromptLabRequest(
        String experimentId,
        String runName,
        List<RunTag> tags,
        String promptTemplate,
        List<Param> promptParameters,
        String modelRoute,
        List<Param> modelParameters,
        String modelInput,
        String modelOutput,
        List<Param> modelOutputParameters,
        String mlflowVersion,
        String userId,
        Long startTime) {

    public PromptLabRequest {
        tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
        promptParameters = List.copyOf(Objects.requireNonNull(promptParameters, "promptParameters"));
        modelParameters = List.copyOf(Objects.requireNonNull(modelParameters, "modelParameters"));
        modelOutputParameters = List.copyOf(Objects.requireNonNull(modelOutputParameters, "modelOutputParameters"));
    }
}

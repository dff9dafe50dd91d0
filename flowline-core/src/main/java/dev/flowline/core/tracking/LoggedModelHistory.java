package dev.flowline.core.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowline.core.error.FlowlineException;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The {@code mlflow.log-model.history} run tag: a JSON list to which log-model appends each model's
 * description, as MLflow's server does.
 */
final class LoggedModelHistory {
    static final String TAG = "mlflow.log-model.history";
    private static final List<String> MANDATORY = List.of("artifact_path", "flavors", "utc_time_created", "run_id");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LoggedModelHistory() {}

    /** The model description, checked for MLflow's mandatory fields. */
    static ObjectNode parseModel(String modelJson) {
        JsonNode model;
        try {
            model = MAPPER.readTree(modelJson);
        } catch (JsonProcessingException e) {
            throw malformed(modelJson);
        }
        if (!(model instanceof ObjectNode object)) {
            throw malformed(modelJson);
        }
        TreeSet<String> missing = new TreeSet<>();
        MANDATORY.stream().filter(field -> !object.has(field)).forEach(missing::add);
        if (!missing.isEmpty()) {
            throw FlowlineException.invalidParameter(
                    "Model json is missing mandatory fields: {%s}",
                    String.join(", ", missing.stream().map(f -> "'" + f + "'").toList()));
        }
        return object;
    }

    /** The tag's new value: the previous list (if any) with the model appended. */
    static String append(Optional<String> previous, ObjectNode model) {
        ArrayNode history = MAPPER.createArrayNode();
        if (previous.isPresent()) {
            try {
                JsonNode existing = MAPPER.readTree(previous.get());
                if (!(existing instanceof ArrayNode list)) {
                    throw notAList();
                }
                history = list;
            } catch (JsonProcessingException e) {
                throw notAList();
            }
        }
        history.add(model);
        String value = history.toString();
        if (value.length() > TrackingValidator.MAX_TAG_VAL_LENGTH) {
            // Truncating would leave invalid JSON behind, so unlike other tags this one is refused.
            throw TrackingValidator.tooLong("value", TrackingValidator.MAX_TAG_VAL_LENGTH);
        }
        return value;
    }

    private static FlowlineException malformed(String modelJson) {
        return FlowlineException.invalidParameter("Malformed model info. \n %s \n is not a valid JSON.", modelJson);
    }

    private static FlowlineException notAList() {
        return FlowlineException.invalidParameter("The run's '%s' tag does not hold a JSON list", TAG);
    }
}

package dev.flowline.core.tracking;

import dev.flowline.core.PythonJson;
import dev.flowline.core.error.FlowlineException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * MLflow's rules for what may be logged, with its limits and messages. Over-long param and tag values
 * are truncated as MLflow's server does by default ({@code MLFLOW_TRUNCATE_LONG_VALUES=true}); every
 * other violation is INVALID_PARAMETER_VALUE.
 */
public final class TrackingValidator {
    public static final int MAX_METRICS_PER_BATCH = 1000;
    public static final int MAX_PARAMS_TAGS_PER_BATCH = 100;
    public static final int MAX_ENTITIES_PER_BATCH = 1000;
    /** Largest log-batch request body, in bytes. */
    public static final int MAX_BATCH_LOG_REQUEST_SIZE = 1_000_000;

    public static final int MAX_PARAM_VAL_LENGTH = 6000;
    public static final int MAX_TAG_VAL_LENGTH = 8000;
    public static final int MAX_EXPERIMENT_NAME_LENGTH = 500;
    public static final int MAX_EXPERIMENT_TAG_KEY_LENGTH = 250;
    public static final int MAX_EXPERIMENT_TAG_VAL_LENGTH = 5000;

    private TrackingValidator() {}

    /** MLflow's {@code invalid_value} message. */
    static String invalidValue(String path, Object value, String message) {
        return "Invalid value " + jsonValue(value) + " for parameter '" + path + "' supplied: " + message;
    }

    static FlowlineException tooLong(String what, int limit) {
        return FlowlineException.invalidParameter("'%s' exceeds the maximum length of %d characters", what, limit);
    }

    /** Rejects a log-batch request body larger than MLflow's 1 MB limit. */
    public static void checkBatchRequestSize(int bytes) {
        if (bytes > MAX_BATCH_LOG_REQUEST_SIZE) {
            throw FlowlineException.invalidParameter(
                    "Batched logging API requests must be at most %d bytes, got a request of size %d.",
                    MAX_BATCH_LOG_REQUEST_SIZE, bytes);
        }
    }

    public static void checkExperimentName(String name) {
        if (name == null || name.isEmpty()) {
            throw FlowlineException.invalidParameter("Invalid experiment name: '%s'", name == null ? "None" : name);
        }
        if (name.length() > MAX_EXPERIMENT_NAME_LENGTH) {
            throw tooLong("name", MAX_EXPERIMENT_NAME_LENGTH);
        }
    }

    public static void checkExperimentTag(ExperimentTag tag) {
        EntityNames.check("key", "key", tag.key());
        if (tag.key().length() > MAX_EXPERIMENT_TAG_KEY_LENGTH) {
            throw tooLong("key", MAX_EXPERIMENT_TAG_KEY_LENGTH);
        }
        if (tag.value() != null && tag.value().length() > MAX_EXPERIMENT_TAG_VAL_LENGTH) {
            throw tooLong("value", MAX_EXPERIMENT_TAG_VAL_LENGTH);
        }
    }

    /** Checks a metric; {@code path} is the request field prefix, "" for log-metric or {@code metrics[i]}. */
    public static void checkMetric(String path, Metric metric) {
        EntityNames.check(join(path, "name"), "Metric name", metric.key());
        if (metric.timestamp() < 0) {
            throw FlowlineException.invalidParameter(invalidValue(
                    join(path, "timestamp"),
                    metric.timestamp(),
                    "metric '" + metric.key() + "' (value=" + pythonFloat(metric.value())
                            + "). Timestamp must be a nonnegative long (64-bit integer) "));
        }
    }

    /** Checks a param and returns it with its value truncated to MLflow's limit. */
    public static Param checkParam(String path, Param param) {
        EntityNames.check(join(path, "key"), "Param key", param.key());
        return new Param(param.key(), truncate(param.value(), MAX_PARAM_VAL_LENGTH));
    }

    /** Checks a run tag and returns it with its value truncated to MLflow's limit. */
    public static RunTag checkTag(String path, RunTag tag) {
        EntityNames.check(join(path, "key"), join(path, "key"), tag.key());
        return new RunTag(tag.key(), truncate(tag.value(), MAX_TAG_VAL_LENGTH));
    }

    /** A tag key as given to delete-tag or delete-experiment-tag. */
    public static void checkTagKey(String key) {
        EntityNames.check("key", "key", key);
    }

    /** Checks what one log-batch call logs; returns the params and tags with long values truncated. */
    public static Batch checkBatch(List<Metric> metrics, List<Param> params, List<RunTag> tags) {
        checkBatchLimit("metrics", MAX_METRICS_PER_BATCH, metrics.size());
        checkBatchLimit("params", MAX_PARAMS_TAGS_PER_BATCH, params.size());
        checkBatchLimit("tags", MAX_PARAMS_TAGS_PER_BATCH, tags.size());
        checkBatchLimit(
                "metrics, params, and tags", MAX_ENTITIES_PER_BATCH, metrics.size() + params.size() + tags.size());
        for (int i = 0; i < metrics.size(); i++) {
            Metric metric = metrics.get(i);
            // The field path of the message is built only for a metric that fails.
            if (!EntityNames.isValid(metric.key()) || metric.timestamp() < 0) {
                checkMetric("metrics[" + i + "]", metric);
            }
        }
        List<Param> checkedParams = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            checkedParams.add(checkParam("params[" + i + "]", params.get(i)));
        }
        List<RunTag> checkedTags = new ArrayList<>(tags.size());
        for (int i = 0; i < tags.size(); i++) {
            checkedTags.add(checkTag("tags[" + i + "]", tags.get(i)));
        }
        checkParamKeysUnique(checkedParams);
        return new Batch(metrics, checkedParams, checkedTags);
    }

    /** What a log-batch call logs, validated. */
    public record Batch(List<Metric> metrics, List<Param> params, List<RunTag> tags) {
        public Batch {
            metrics = List.copyOf(metrics);
            params = List.copyOf(params);
            tags = List.copyOf(tags);
        }
    }

    private static void checkBatchLimit(String entities, int limit, int length) {
        if (length > limit) {
            throw FlowlineException.invalidParameter(
                    "A batch logging request can contain at most %d %s. Got %d %s. Please split up %s across multiple"
                            + " requests and try again.",
                    limit, entities, length, entities, entities);
        }
    }

    private static void checkParamKeysUnique(List<Param> params) {
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (Param param : params) {
            if (!seen.add(param.key())) {
                duplicates.add(param.key());
            }
        }
        if (!duplicates.isEmpty()) {
            throw FlowlineException.invalidParameter(
                    "Duplicate parameter keys have been submitted: %s. Please ensure"
                            + " the request contains only one param value per param key.",
                    pythonList(duplicates));
        }
    }

    public static void checkDatasetInputs(List<DatasetInput> inputs) {
        for (DatasetInput input : inputs) {
            Dataset dataset = input.dataset();
            checkSize("Dataset name", dataset.name(), 500);
            checkSize("Dataset digest", dataset.digest(), 36);
            checkSize("Dataset source", dataset.source(), 65535);
            checkSize("Dataset schema", dataset.schema(), 1048575);
            checkSize("Dataset profile", dataset.profile(), 16777215);
            for (InputTag tag : input.tags()) {
                checkSize("InputTag key", tag.key(), 255);
                checkSize("InputTag value", tag.value(), 500);
            }
        }
    }

    private static void checkSize(String what, String value, int limit) {
        if (value != null && value.length() > limit) {
            throw FlowlineException.invalidParameter("%s exceeds the maximum length of %d", what, limit);
        }
    }

    private static String truncate(String value, int limit) {
        return value != null && value.length() > limit ? value.substring(0, limit) : value;
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** A float as Python prints it: {@code 1.0}, {@code nan}, {@code inf}. */
    static String pythonFloat(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return Double.toString(value);
    }

    private static String pythonList(Set<String> values) {
        List<String> quoted = values.stream().map(v -> "'" + v + "'").toList();
        return "[" + String.join(", ", quoted) + "]";
    }

    /** A value as Python's {@code json.dumps} writes it, for error messages. */
    static String jsonValue(Object value) {
        return value == null || value instanceof String ? PythonJson.dumps(value) : value.toString();
    }
}

package dev.flowline.server.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.tracking.Dataset;
import dev.flowline.core.tracking.DatasetInput;
import dev.flowline.core.tracking.InputTag;
import dev.flowline.core.tracking.Metric;
import dev.flowline.core.tracking.RunStatus;
import dev.flowline.core.tracking.ViewType;
import dev.flowline.server.http.RequestArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/** Decodes the shapes shared by the tracking requests, failing as MLflow's request parsing does. */
public final class TrackingArgs {
    private static final String HINT = " See the API docs for more information about request parameters.";

    private TrackingArgs() {}

    /** {@code run_id}, or the legacy {@code run_uuid} older clients send. */
    static String runId(RequestArgs args) {
        return args.string("run_id")
                .filter(id -> !id.isEmpty())
                .or(() -> args.string("run_uuid").filter(id -> !id.isEmpty()))
                .orElseThrow(() -> args.missing("run_id"));
    }

    /** A {@code ViewType} given by name or by its protobuf number. */
    static ViewType viewType(RequestArgs args, String name) {
        JsonNode value = args.json().get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.asText().trim().toUpperCase(Locale.ROOT);
        return switch (text) {
            case "ACTIVE_ONLY", "1" -> ViewType.ACTIVE_ONLY;
            case "DELETED_ONLY", "2" -> ViewType.DELETED_ONLY;
            case "ALL", "3" -> ViewType.ALL;
            default -> throw invalid(name, value);
        };
    }

    static RunStatus runStatus(RequestArgs args) {
        JsonNode value = args.json().get("status");
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.asText().trim().toUpperCase(Locale.ROOT);
        for (RunStatus status : RunStatus.values()) {
            if (status.name().equals(text)
                    || Integer.toString(status.ordinal() + 1).equals(text)) {
                return status;
            }
        }
        throw invalid("status", value);
    }

    /**
     * A repeated key/value message ({@code tags}, {@code params}); an entry without a key fails the whole
     * field as MLflow does ({@code Invalid value [...] for parameter 'tags' supplied}), a missing value is empty.
     */
    public static <T> List<T> keyValues(RequestArgs args, String field, BiFunction<String, String, T> make) {
        List<RequestArgs> items = args.objects(field);
        List<T> result = new ArrayList<>(items.size());
        for (RequestArgs item : items) {
            String key = item.string("key").filter(k -> !k.isEmpty()).orElseThrow(() -> args.invalid(field));
            // An unset string is "" in MLflow's protobuf messages.
            result.add(make.apply(key, item.string("value").orElse("")));
        }
        return result;
    }

    /**
     * Log-batch's metrics: an entry without its key, value or timestamp is named by its place, as MLflow's server
     * does ({@code Missing value for required parameter 'metrics[0].timestamp'.}); one of the wrong type fails the
     * whole field.
     */
    static List<Metric> metrics(RequestArgs args) {
        List<RequestArgs> items = args.objects("metrics");
        List<Metric> result = new ArrayList<>(items.size());
        Supplier<FlowlineException> invalid = () -> args.invalid("metrics");
        for (int i = 0; i < items.size(); i++) {
            RequestArgs item = items.get(i);
            String place = "metrics[" + i + "].";
            requirePresent(item, "key", place);
            requirePresent(item, "value", place);
            requirePresent(item, "timestamp", place);
            String key = item.string("key").orElseThrow(invalid);
            double value = item.doubleValue("value").orElseThrow(invalid);
            long timestamp = item.longValue("timestamp").orElseThrow(invalid);
            result.add(new Metric(key, value, timestamp, item.longValue("step").orElse(0L)));
        }
        return result;
    }

    /** Log-batch's params or tags: an entry without a key is named by its place, as for metrics. */
    static <T> List<T> batchKeyValues(RequestArgs args, String field, BiFunction<String, String, T> make) {
        List<RequestArgs> items = args.objects(field);
        for (int i = 0; i < items.size(); i++) {
            requirePresent(items.get(i), "key", field + "[" + i + "].");
        }
        return keyValues(args, field, make);
    }

    /** MLflow's check of a required entry field: present, not null and not the empty string. */
    private static void requirePresent(RequestArgs item, String name, String place) {
        JsonNode value = item.json().get(name);
        if (value == null
                || value.isNull()
                || (value.isTextual() && value.asText().isEmpty())) {
            throw FlowlineException.invalidParameter("Missing value for required parameter '%s%s'.", place, name);
        }
    }

    /** One metric from log-metric's top-level fields. */
    static Metric metric(RequestArgs args) {
        String key = args.requiredNonEmptyString("key");
        double value = args.requiredDouble("value");
        long timestamp = args.requiredLong("timestamp");
        return new Metric(key, value, timestamp, args.longValue("step").orElse(0L));
    }

    static List<DatasetInput> datasetInputs(RequestArgs args) {
        List<DatasetInput> inputs = new ArrayList<>();
        for (RequestArgs input : args.objects("datasets")) {
            RequestArgs dataset = input.object("dataset").orElseThrow(() -> input.missing("dataset"));
            List<InputTag> tags = new ArrayList<>();
            for (RequestArgs tag : input.objects("tags")) {
                tags.add(new InputTag(tag.requiredString("key"), tag.requiredString("value")));
            }
            inputs.add(new DatasetInput(
                    tags,
                    new Dataset(
                            dataset.requiredString("name"),
                            dataset.requiredString("digest"),
                            dataset.requiredString("source_type"),
                            dataset.requiredString("source"),
                            dataset.string("schema").orElse(null),
                            dataset.string("profile").orElse(null))));
        }
        return inputs;
    }

    private static FlowlineException invalid(String name, JsonNode value) {
        return FlowlineException.invalidParameter("Invalid value %s for parameter '%s' supplied.%s", value, name, HINT);
    }
}

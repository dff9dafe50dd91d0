package dev.flowline.server.tracking;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.flowline.core.Page;
import dev.flowline.core.tracking.Dataset;
import dev.flowline.core.tracking.DatasetInput;
import dev.flowline.core.tracking.InputTag;
import dev.flowline.core.tracking.Metric;
import dev.flowline.core.tracking.MetricWithRunId;
import dev.flowline.core.tracking.Param;
import dev.flowline.core.tracking.Run;
import dev.flowline.core.tracking.RunInfo;
import dev.flowline.core.tracking.RunTag;
import dev.flowline.server.http.StreamedJson;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Runs and metric points as MLflow's protobuf messages in JSON, written field by field to the response: search
 * answers a thousand runs and get-history 100,000 points, which as wire records cost more to build and reflect
 * over than to send. Same dialect as {@link dev.flowline.server.http.WireJson}: snake_case, unset fields and
 * empty lists omitted (an empty message stays {@code {}}), NaN and the infinities as Jackson writes them.
 */
final class RunsJson {
    private static final SerializableString KEY = new SerializedString("key");
    private static final SerializableString VALUE = new SerializedString("value");
    private static final SerializableString TIMESTAMP = new SerializedString("timestamp");
    private static final SerializableString STEP = new SerializedString("step");
    private static final SerializableString RUN_ID = new SerializedString("run_id");
    private static final SerializableString METRICS = new SerializedString("metrics");

    private RunsJson() {}

    /** {@code {"run": …}}: create-run and get-run. */
    static StreamedJson run(Run run) {
        return json -> {
            json.writeStartObject();
            json.writeFieldName("run");
            writeRun(json, run);
            json.writeEndObject();
        };
    }

    /** {@code {"run_info": …}}: update-run. */
    static StreamedJson runInfo(RunInfo info) {
        return json -> {
            json.writeStartObject();
            json.writeFieldName("run_info");
            writeInfo(json, info);
            json.writeEndObject();
        };
    }

    /** {@code {"runs": […], "next_page_token": …}}: search-runs. */
    static StreamedJson runs(Page<Run> page) {
        return json -> {
            json.writeStartObject();
            if (!page.items().isEmpty()) {
                json.writeArrayFieldStart("runs");
                for (Run run : page.items()) {
                    writeRun(json, run);
                }
                json.writeEndArray();
            }
            writeToken(json, page.nextPageToken());
            json.writeEndObject();
        };
    }

    /** {@code {"metrics": […], "next_page_token": …}}: get-history. */
    static StreamedJson history(Page<Metric> page) {
        return json -> {
            json.writeStartObject();
            writeMetrics(json, page.items());
            writeToken(json, page.nextPageToken());
            json.writeEndObject();
        };
    }

    /** {@code {"metrics": [… with "run_id"]}}: get-history-bulk and get-history-bulk-interval. */
    static StreamedJson metricsWithRunIds(List<MetricWithRunId> metrics) {
        return json -> {
            json.writeStartObject();
            if (!metrics.isEmpty()) {
                json.writeFieldName(METRICS);
                json.writeStartArray();
                for (MetricWithRunId metric : metrics) {
                    json.writeStartObject();
                    writeMetricFields(json, metric.metric());
                    json.writeFieldName(RUN_ID);
                    json.writeString(metric.runId());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        };
    }

    private static void writeRun(JsonGenerator json, Run run) throws IOException {
        json.writeStartObject();
        json.writeFieldName("info");
        writeInfo(json, run.info());
        json.writeObjectFieldStart("data");
        writeMetrics(json, run.data().metrics());
        if (!run.data().params().isEmpty()) {
            json.writeArrayFieldStart("params");
            for (Param param : run.data().params()) {
                writeKeyValue(json, param.key(), param.value());
            }
            json.writeEndArray();
        }
        writeTags(json, run.data().tags());
        json.writeEndObject();
        json.writeObjectFieldStart("inputs");
        if (!run.inputs().isEmpty()) {
            json.writeArrayFieldStart("dataset_inputs");
            for (DatasetInput input : run.inputs()) {
                writeInput(json, input);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeInfo(JsonGenerator json, RunInfo info) throws IOException {
        json.writeStartObject();
        writeString(json, "run_id", info.runId());
        writeString(json, "run_uuid", info.runId());
        writeString(json, "run_name", info.runName());
        writeString(json, "experiment_id", info.experimentId());
        writeString(json, "user_id", info.userId());
        writeString(json, "status", info.status().name());
        writeLong(json, "start_time", info.startTime());
        writeLong(json, "end_time", info.endTime());
        writeString(json, "artifact_uri", info.artifactUri());
        writeString(json, "lifecycle_stage", info.lifecycleStage().wireName());
        json.writeEndObject();
    }

    /** A {@code "metrics"} array, left out when empty. */
    private static void writeMetrics(JsonGenerator json, List<Metric> metrics) throws IOException {
        if (!metrics.isEmpty()) {
            json.writeFieldName(METRICS);
            json.writeStartArray();
            for (Metric metric : metrics) {
                json.writeStartObject();
                writeMetricFields(json, metric);
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }

    private static void writeMetricFields(JsonGenerator json, Metric metric) throws IOException {
        json.writeFieldName(KEY);
        json.writeString(metric.key());
        json.writeFieldName(VALUE);
        json.writeNumber(metric.value());
        json.writeFieldName(TIMESTAMP);
        json.writeNumber(metric.timestamp());
        json.writeFieldName(STEP);
        json.writeNumber(metric.step());
    }

    private static void writeTags(JsonGenerator json, List<RunTag> tags) throws IOException {
        if (!tags.isEmpty()) {
            json.writeArrayFieldStart("tags");
            for (RunTag tag : tags) {
                writeKeyValue(json, tag.key(), tag.value());
            }
            json.writeEndArray();
        }
    }

    private static void writeInput(JsonGenerator json, DatasetInput input) throws IOException {
        json.writeStartObject();
        if (!input.tags().isEmpty()) {
            json.writeArrayFieldStart("tags");
            for (InputTag tag : input.tags()) {
                writeKeyValue(json, tag.key(), tag.value());
            }
            json.writeEndArray();
        }
        Dataset dataset = input.dataset();
        json.writeObjectFieldStart("dataset");
        writeString(json, "name", dataset.name());
        writeString(json, "digest", dataset.digest());
        writeString(json, "source_type", dataset.sourceType());
        writeString(json, "source", dataset.source());
        writeString(json, "schema", dataset.schema());
        writeString(json, "profile", dataset.profile());
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeKeyValue(JsonGenerator json, String key, String value) throws IOException {
        json.writeStartObject();
        if (key != null) {
            json.writeFieldName(KEY);
            json.writeString(key);
        }
        if (value != null) {
            json.writeFieldName(VALUE);
            json.writeString(value);
        }
        json.writeEndObject();
    }

    private static void writeToken(JsonGenerator json, Optional<String> token) throws IOException {
        if (token.isPresent()) {
            json.writeStringField("next_page_token", token.get());
        }
    }

    private static void writeString(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    private static void writeLong(JsonGenerator json, String name, Long value) throws IOException {
        if (value != null) {
            json.writeNumberField(name, value);
        }
    }
}

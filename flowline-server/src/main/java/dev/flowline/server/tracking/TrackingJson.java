package dev.flowline.server.tracking;

import dev.flowline.core.Page;
import dev.flowline.core.tracking.Dataset;
import dev.flowline.core.tracking.DatasetInput;
import dev.flowline.core.tracking.DatasetSummary;
import dev.flowline.core.tracking.Experiment;
import dev.flowline.core.tracking.ExperimentTag;
import dev.flowline.core.tracking.InputTag;
import dev.flowline.core.tracking.Metric;
import dev.flowline.core.tracking.MetricWithRunId;
import dev.flowline.core.tracking.Param;
import dev.flowline.core.tracking.Run;
import dev.flowline.core.tracking.RunInfo;
import dev.flowline.core.tracking.RunTag;
import java.util.List;
import java.util.function.Function;

/**
 * The tracking API's wire records, shaped as MLflow's protobuf messages in JSON: snake_case (by
 * {@link dev.flowline.server.http.WireJson}), unset fields and empty lists omitted, enums by name,
 * lifecycle stages as {@code active}/{@code deleted}.
 */
final class TrackingJson {
    private TrackingJson() {}

    record KeyValue(String key, String value) {}

    record ExperimentJson(
            String experimentId,
            String name,
            String artifactLocation,
            String lifecycleStage,
            Long lastUpdateTime,
            Long creationTime,
            List<KeyValue> tags) {
        static ExperimentJson of(Experiment e) {
            return new ExperimentJson(
                    e.experimentId(),
                    e.name(),
                    e.artifactLocation(),
                    e.lifecycleStage().wireName(),
                    e.lastUpdateTime(),
                    e.creationTime(),
                    map(e.tags(), (ExperimentTag t) -> new KeyValue(t.key(), t.value())));
        }
    }

    record RunInfoJson(
            String runId,
            String runUuid,
            String runName,
            String experimentId,
            String userId,
            String status,
            Long startTime,
            Long endTime,
            String artifactUri,
            String lifecycleStage) {
        static RunInfoJson of(RunInfo i) {
            return new RunInfoJson(
                    i.runId(),
                    i.runId(),
                    i.runName(),
                    i.experimentId(),
                    i.userId(),
                    i.status().name(),
                    i.startTime(),
                    i.endTime(),
                    i.artifactUri(),
                    i.lifecycleStage().wireName());
        }
    }

    record MetricJson(String key, double value, long timestamp, long step) {
        static MetricJson of(Metric m) {
            return new MetricJson(m.key(), m.value(), m.timestamp(), m.step());
        }
    }

    record MetricWithRunIdJson(String key, double value, long timestamp, long step, String runId) {
        static MetricWithRunIdJson of(MetricWithRunId m) {
            Metric metric = m.metric();
            return new MetricWithRunIdJson(metric.key(), metric.value(), metric.timestamp(), metric.step(), m.runId());
        }
    }

    record RunDataJson(List<MetricJson> metrics, List<KeyValue> params, List<KeyValue> tags) {}

    record DatasetJson(String name, String digest, String sourceType, String source, String schema, String profile) {
        static DatasetJson of(Dataset d) {
            return new DatasetJson(d.name(), d.digest(), d.sourceType(), d.source(), d.schema(), d.profile());
        }
    }

    record DatasetInputJson(List<KeyValue> tags, DatasetJson dataset) {
        static DatasetInputJson of(DatasetInput input) {
            return new DatasetInputJson(
                    map(input.tags(), (InputTag t) -> new KeyValue(t.key(), t.value())),
                    DatasetJson.of(input.dataset()));
        }
    }

    record RunInputsJson(List<DatasetInputJson> datasetInputs) {}

    record RunJson(RunInfoJson info, RunDataJson data, RunInputsJson inputs) {
        static RunJson of(Run run) {
            RunDataJson data = new RunDataJson(
                    map(run.data().metrics(), MetricJson::of),
                    map(run.data().params(), (Param p) -> new KeyValue(p.key(), p.value())),
                    map(run.data().tags(), (RunTag t) -> new KeyValue(t.key(), t.value())));
            return new RunJson(
                    RunInfoJson.of(run.info()), data, new RunInputsJson(map(run.inputs(), DatasetInputJson::of)));
        }
    }

    record DatasetSummaryJson(String experimentId, String name, String digest, String context) {
        static DatasetSummaryJson of(DatasetSummary s) {
            return new DatasetSummaryJson(s.experimentId(), s.name(), s.digest(), s.context());
        }
    }

    // Responses

    record CreateExperimentResponse(String experimentId) {}

    record ExperimentResponse(ExperimentJson experiment) {}

    record SearchExperimentsResponse(List<ExperimentJson> experiments, String nextPageToken) {
        static SearchExperimentsResponse of(Page<Experiment> page) {
            return new SearchExperimentsResponse(
                    map(page.items(), ExperimentJson::of), page.nextPageToken().orElse(null));
        }
    }

    record RunResponse(RunJson run) {}

    record UpdateRunResponse(RunInfoJson runInfo) {}

    record SearchRunsResponse(List<RunJson> runs, String nextPageToken) {
        static SearchRunsResponse of(Page<Run> page) {
            return new SearchRunsResponse(
                    map(page.items(), RunJson::of), page.nextPageToken().orElse(null));
        }
    }

    record MetricHistoryResponse(List<MetricJson> metrics, String nextPageToken) {
        static MetricHistoryResponse of(Page<Metric> page) {
            return new MetricHistoryResponse(
                    map(page.items(), MetricJson::of), page.nextPageToken().orElse(null));
        }
    }

    record MetricsWithRunIdsResponse(List<MetricWithRunIdJson> metrics) {
        static MetricsWithRunIdsResponse of(List<MetricWithRunId> metrics) {
            return new MetricsWithRunIdsResponse(map(metrics, MetricWithRunIdJson::of));
        }
    }

    record SearchDatasetsResponse(List<DatasetSummaryJson> datasetSummaries) {}

    /** MLflow's empty response message. */
    record Empty() {}

    static final Empty EMPTY = new Empty();

    static <T, R> List<R> map(List<T> items, Function<T, R> mapper) {
        return items.stream().map(mapper).toList();
    }
}

package dev.flowline.server.tracking;

import dev.flowline.core.Page;
import dev.flowline.core.tracking.DatasetSummary;
import dev.flowline.core.tracking.Experiment;
import dev.flowline.core.tracking.ExperimentTag;
import dev.flowline.server.http.WireMessages.KeyValue;
import java.util.List;
import java.util.function.Function;

/**
 * The tracking API's wire records for experiments and datasets (runs and metrics are streamed by {@link RunsJson}), shaped as MLflow's protobuf messages in JSON: snake_case (by
 * {@link dev.flowline.server.http.WireJson}), unset fields and empty lists omitted, enums by name,
 * lifecycle stages as {@code active}/{@code deleted}.
 */
final class TrackingJson {
    private TrackingJson() {}

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

    record SearchDatasetsResponse(List<DatasetSummaryJson> datasetSummaries) {}

    static <T, R> List<R> map(List<T> items, Function<T, R> mapper) {
        return items.stream().map(mapper).toList();
    }
}

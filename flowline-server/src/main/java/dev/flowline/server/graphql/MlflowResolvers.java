package dev.flowline.server.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowline.server.artifacts.RunArtifactsApi;
import dev.flowline.server.http.RequestArgs;
import dev.flowline.server.http.WireJson;
import dev.flowline.server.registry.ModelVersionsApi;
import dev.flowline.server.tracking.ExperimentsApi;
import dev.flowline.server.tracking.MetricsApi;
import dev.flowline.server.tracking.RunsApi;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The root fields and a run's {@code experiment} and {@code modelVersions}: each calls the REST endpoint's own
 * operation with the input as its arguments, so validation, defaults and error messages are the endpoint's, and
 * answers with the endpoint's JSON, whose fields {@link WireFields} reads.
 */
final class MlflowResolvers {
    private final ExperimentsApi experiments;
    private final RunsApi runs;
    private final MetricsApi metrics;
    private final ModelVersionsApi modelVersions;
    private final RunArtifactsApi runArtifacts;
    private final WireJson json;
    private final InputArgs inputs;

    MlflowResolvers(
            ExperimentsApi experiments,
            RunsApi runs,
            MetricsApi metrics,
            ModelVersionsApi modelVersions,
            RunArtifactsApi runArtifacts,
            WireJson json) {
        this.experiments = Objects.requireNonNull(experiments, "experiments");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.modelVersions = Objects.requireNonNull(modelVersions, "modelVersions");
        this.runArtifacts = Objects.requireNonNull(runArtifacts, "runArtifacts");
        this.json = Objects.requireNonNull(json, "json");
        this.inputs = new InputArgs(json.mapper());
    }

    DataFetcher<JsonNode> getExperiment() {
        return endpoint(experiments::get);
    }

    DataFetcher<JsonNode> getRun() {
        return endpoint(runs::get);
    }

    DataFetcher<JsonNode> searchRuns() {
        return endpoint(runs::search);
    }

    DataFetcher<JsonNode> getMetricHistoryBulkInterval() {
        return endpoint(metrics::historyBulkInterval);
    }

    DataFetcher<JsonNode> listArtifacts() {
        return endpoint(runArtifacts::list);
    }

    DataFetcher<JsonNode> searchModelVersions() {
        return endpoint(modelVersions::search);
    }

    DataFetcher<JsonNode> searchDatasets() {
        return endpoint(experiments::searchDatasets);
    }

    /** A run's experiment: get-experiment of the run's {@code experiment_id}. */
    DataFetcher<Object> runExperiment() {
        return environment -> {
            JsonNode run = environment.getSource();
            RequestArgs args = inputs.wire(
                    "experiment_id", run.path("info").path("experiment_id").asText());
            return WireFields.field(json.tree(experiments.get(args)), "experiment", environment.getFieldType());
        };
    }

    /** The versions registered from a run: model-versions search with {@code run_id='<id>'}. */
    DataFetcher<Object> runModelVersions() {
        return environment -> {
            JsonNode run = environment.getSource();
            RequestArgs args = inputs.wire(
                    "filter", "run_id='" + run.path("info").path("run_id").asText() + "'");
            return WireFields.field(
                    json.tree(modelVersions.search(args)), "model_versions", environment.getFieldType());
        };
    }

    /** {@code test} and {@code testMutation}: echo {@code inputString}. */
    static DataFetcher<Map<String, Object>> echo() {
        return environment -> Collections.singletonMap("output", environment.getArgument("inputString"));
    }

    private DataFetcher<JsonNode> endpoint(Function<RequestArgs, Object> operation) {
        return environment -> json.tree(operation.apply(inputs.of(input(environment))));
    }

    private static Map<String, Object> input(DataFetchingEnvironment environment) {
        return environment.getArgument("input");
    }
}

package dev.flowline.server.tracking;

import static dev.flowline.server.http.WireMessages.EMPTY;

import dev.flowline.core.tracking.ExperimentTag;
import dev.flowline.core.tracking.TrackingService;
import dev.flowline.server.http.Api;
import dev.flowline.server.http.ApiRequest;
import dev.flowline.server.http.RequestArgs;
import dev.flowline.server.http.RouteTable;
import dev.flowline.server.tracking.TrackingJson.CreateExperimentResponse;
import dev.flowline.server.tracking.TrackingJson.ExperimentJson;
import dev.flowline.server.tracking.TrackingJson.ExperimentResponse;
import dev.flowline.server.tracking.TrackingJson.SearchDatasetsResponse;
import dev.flowline.server.tracking.TrackingJson.SearchExperimentsResponse;
import java.util.Objects;

/** MLflow's experiment endpoints, {@code mlflow/experiments/*}. */
public final class ExperimentsApi implements Api {
    private final TrackingService tracking;

    public ExperimentsApi(TrackingService tracking) {
        this.tracking = Objects.requireNonNull(tracking, "tracking");
    }

    @Override
    public void routes(RouteTable table) {
        table.post("mlflow/experiments/create", this::create)
                .get("mlflow/experiments/search", this::search)
                .post("mlflow/experiments/search", this::search)
                .get("mlflow/experiments/get", request -> get(request.args()))
                .get("mlflow/experiments/get-by-name", this::getByName)
                .post("mlflow/experiments/delete", this::delete)
                .post("mlflow/experiments/restore", this::restore)
                .post("mlflow/experiments/update", this::update)
                .post("mlflow/experiments/set-experiment-tag", this::setTag)
                .post("mlflow/experiments/delete-experiment-tag", this::deleteTag)
                .post("mlflow/experiments/search-datasets", request -> searchDatasets(request.args()));
    }

    private Object create(ApiRequest request) {
        RequestArgs args = request.args();
        String id = tracking.createExperiment(
                args.requiredNonEmptyString("name"),
                args.string("artifact_location").orElse(null),
                TrackingArgs.keyValues(args, "tags", ExperimentTag::new));
        return new CreateExperimentResponse(id);
    }

    private Object search(ApiRequest request) {
        RequestArgs args = request.args();
        return SearchExperimentsResponse.of(tracking.searchExperiments(
                args.string("filter").orElse(null),
                args.strings("order_by"),
                TrackingArgs.viewType(args, "view_type"),
                args.intValue("max_results").orElse(null),
                args.string("page_token").orElse(null)));
    }

    /** {@code experiments/get} on its decoded arguments; also what GraphQL's {@code mlflowGetExperiment} answers. */
    public Object get(RequestArgs args) {
        return new ExperimentResponse(
                ExperimentJson.of(tracking.getExperiment(args.requiredNonEmptyString("experiment_id"))));
    }

    private Object getByName(ApiRequest request) {
        return new ExperimentResponse(ExperimentJson.of(
                tracking.getExperimentByName(request.args().requiredNonEmptyString("experiment_name"))));
    }

    private Object delete(ApiRequest request) {
        tracking.deleteExperiment(request.args().requiredNonEmptyString("experiment_id"));
        return EMPTY;
    }

    private Object restore(ApiRequest request) {
        tracking.restoreExperiment(request.args().requiredNonEmptyString("experiment_id"));
        return EMPTY;
    }

    private Object update(ApiRequest request) {
        RequestArgs args = request.args();
        tracking.renameExperiment(
                args.requiredNonEmptyString("experiment_id"), args.requiredNonEmptyString("new_name"));
        return EMPTY;
    }

    private Object setTag(ApiRequest request) {
        RequestArgs args = request.args();
        tracking.setExperimentTag(
                args.requiredNonEmptyString("experiment_id"),
                new ExperimentTag(
                        args.requiredNonEmptyString("key"), args.string("value").orElse("")));
        return EMPTY;
    }

    private Object deleteTag(ApiRequest request) {
        RequestArgs args = request.args();
        tracking.deleteExperimentTag(args.requiredNonEmptyString("experiment_id"), args.requiredNonEmptyString("key"));
        return EMPTY;
    }

    /**
     * {@code experiments/search-datasets} on its decoded arguments; also what GraphQL's {@code mlflowSearchDatasets}
     * answers.
     */
    public Object searchDatasets(RequestArgs args) {
        return new SearchDatasetsResponse(TrackingJson.map(
                tracking.searchDatasets(args.strings("experiment_ids")), TrackingJson.DatasetSummaryJson::of));
    }
}

package dev.flowline.server.tracking;

import static dev.flowline.server.http.WireMessages.EMPTY;

import dev.flowline.core.tracking.Param;
import dev.flowline.core.tracking.RunTag;
import dev.flowline.core.tracking.TrackingService;
import dev.flowline.core.tracking.TrackingValidator;
import dev.flowline.server.http.Api;
import dev.flowline.server.http.ApiRequest;
import dev.flowline.server.http.RequestArgs;
import dev.flowline.server.http.RouteTable;
import java.util.Objects;

/** MLflow's run endpoints, {@code mlflow/runs/*}. */
public final class RunsApi implements Api {
    private final TrackingService tracking;

    public RunsApi(TrackingService tracking) {
        this.tracking = Objects.requireNonNull(tracking, "tracking");
    }

    @Override
    public void routes(RouteTable table) {
        table.post("mlflow/runs/create", this::create)
                .post("mlflow/runs/update", this::update)
                .post("mlflow/runs/delete", this::delete)
                .post("mlflow/runs/restore", this::restore)
                .get("mlflow/runs/get", request -> get(request.args()))
                .post("mlflow/runs/search", request -> search(request.args()))
                .post("mlflow/runs/log-metric", this::logMetric)
                .post("mlflow/runs/log-parameter", this::logParam)
                .post("mlflow/runs/set-tag", this::setTag)
                .post("mlflow/runs/delete-tag", this::deleteTag)
                .post("mlflow/runs/log-batch", this::logBatch)
                .post("mlflow/runs/log-model", this::logModel)
                .post("mlflow/runs/log-inputs", this::logInputs);
    }

    private Object create(ApiRequest request) {
        RequestArgs args = request.args();
        return RunsJson.run(tracking.createRun(
                args.string("experiment_id").orElse(null),
                args.string("user_id").orElse(null),
                args.string("run_name").orElse(null),
                args.longValue("start_time").orElse(null),
                TrackingArgs.keyValues(args, "tags", RunTag::new)));
    }

    private Object update(ApiRequest request) {
        RequestArgs args = request.args();
        return RunsJson.runInfo(tracking.updateRun(
                TrackingArgs.runId(args),
                TrackingArgs.runStatus(args),
                args.longValue("end_time").orElse(null),
                args.string("run_name").orElse(null)));
    }

    private Object delete(ApiRequest request) {
        tracking.deleteRun(request.args().requiredNonEmptyString("run_id"));
        return EMPTY;
    }

    private Object restore(ApiRequest request) {
        tracking.restoreRun(request.args().requiredNonEmptyString("run_id"));
        return EMPTY;
    }

    /** {@code runs/get} on its decoded arguments; also what GraphQL's {@code mlflowGetRun} answers. */
    public Object get(RequestArgs args) {
        return RunsJson.run(tracking.getRun(TrackingArgs.runId(args)));
    }

    /** {@code runs/search} on its decoded arguments; also what GraphQL's {@code mlflowSearchRuns} answers. */
    public Object search(RequestArgs args) {
        return RunsJson.runs(tracking.searchRuns(
                args.strings("experiment_ids"),
                args.string("filter").orElse(null),
                TrackingArgs.viewType(args, "run_view_type"),
                args.intValue("max_results").orElse(null),
                args.strings("order_by"),
                args.string("page_token").orElse(null)));
    }

    private Object logMetric(ApiRequest request) {
        RequestArgs args = request.args();
        tracking.logMetric(TrackingArgs.runId(args), TrackingArgs.metric(args));
        return EMPTY;
    }

    private Object logParam(ApiRequest request) {
        RequestArgs args = request.args();
        String runId = TrackingArgs.runId(args);
        tracking.logParam(
                runId,
                new Param(
                        args.requiredNonEmptyString("key"), args.string("value").orElse("")));
        return EMPTY;
    }

    private Object setTag(ApiRequest request) {
        RequestArgs args = request.args();
        String runId = TrackingArgs.runId(args);
        tracking.setTag(
                runId,
                new RunTag(
                        args.requiredNonEmptyString("key"), args.string("value").orElse("")));
        return EMPTY;
    }

    private Object deleteTag(ApiRequest request) {
        RequestArgs args = request.args();
        tracking.deleteTag(TrackingArgs.runId(args), args.requiredNonEmptyString("key"));
        return EMPTY;
    }

    private Object logBatch(ApiRequest request) {
        TrackingValidator.checkBatchRequestSize(request.bodySize());
        LogBatchDecoder.LogBatch batch = LogBatchDecoder.decode(request);
        tracking.logBatch(batch.runId(), batch.metrics(), batch.params(), batch.tags());
        return EMPTY;
    }

    private Object logModel(ApiRequest request) {
        RequestArgs args = request.args();
        tracking.logModel(TrackingArgs.runId(args), args.requiredNonEmptyString("model_json"));
        return EMPTY;
    }

    private Object logInputs(ApiRequest request) {
        RequestArgs args = request.args();
        tracking.logInputs(TrackingArgs.runId(args), TrackingArgs.datasetInputs(args));
        return EMPTY;
    }
}

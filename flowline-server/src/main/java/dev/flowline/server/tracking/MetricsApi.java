package dev.flowline.server.tracking;

import dev.flowline.core.tracking.TrackingService;
import dev.flowline.server.http.Api;
import dev.flowline.server.http.ApiRequest;
import dev.flowline.server.http.RequestArgs;
import dev.flowline.server.http.RouteTable;
import java.util.Objects;

/** MLflow's metric history endpoints, {@code mlflow/metrics/*}. */
public final class MetricsApi implements Api {
    private final TrackingService tracking;

    public MetricsApi(TrackingService tracking) {
        this.tracking = Objects.requireNonNull(tracking, "tracking");
    }

    @Override
    public void routes(RouteTable table) {
        table.get("mlflow/metrics/get-history", this::history)
                .get("mlflow/metrics/get-history-bulk", this::historyBulk)
                .get("mlflow/metrics/get-history-bulk-interval", request -> historyBulkInterval(request.args()));
    }

    private Object history(ApiRequest request) {
        RequestArgs args = request.args();
        return RunsJson.history(tracking.getMetricHistory(
                TrackingArgs.runId(args),
                args.requiredNonEmptyString("metric_key"),
                args.intValue("max_results").orElse(null),
                args.string("page_token").orElse(null)));
    }

    private Object historyBulk(ApiRequest request) {
        RequestArgs args = request.args();
        return RunsJson.metricsWithRunIds(tracking.getMetricHistoryBulk(
                args.strings("run_id"),
                args.string("metric_key").orElse(null),
                args.intValue("max_results").orElse(null)));
    }

    /**
     * {@code metrics/get-history-bulk-interval} on its decoded arguments; also what GraphQL's
     * {@code mlflowGetMetricHistoryBulkInterval} answers.
     */
    public Object historyBulkInterval(RequestArgs args) {
        return RunsJson.metricsWithRunIds(tracking.getMetricHistoryBulkInterval(
                args.strings("run_ids"),
                args.requiredNonEmptyString("metric_key"),
                args.longValue("start_step").orElse(null),
                args.longValue("end_step").orElse(null),
                args.intValue("max_results").orElse(null)));
    }
}

package dev.flowline.server.tracing;

import static dev.flowline.server.http.WireMessages.EMPTY;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowline.core.tracing.TraceService;
import dev.flowline.core.tracing.TraceStatus;
import dev.flowline.server.http.Api;
import dev.flowline.server.http.ApiRequest;
import dev.flowline.server.http.RequestArgs;
import dev.flowline.server.http.RouteTable;
import dev.flowline.server.tracing.TracesJson.DeleteTracesResponse;
import dev.flowline.server.tracing.TracesJson.SearchTracesResponse;
import dev.flowline.server.tracing.TracesJson.TraceInfoResponse;
import dev.flowline.server.tracking.TrackingArgs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** MLflow's trace endpoints, {@code mlflow/traces*} (MLflow 2.14+'s {@code mlflow.tracing} client). */
public final class TracesApi implements Api {
    private static final String REQUEST_ID = "request_id";

    private final TraceService traces;

    public TracesApi(TraceService traces) {
        this.traces = Objects.requireNonNull(traces, "traces");
    }

    @Override
    public void routes(RouteTable table) {
        table.post("mlflow/traces", this::start)
                .get("mlflow/traces", this::search)
                .patch("mlflow/traces/{request_id}", this::end)
                .get("mlflow/traces/{request_id}/info", this::get)
                .post("mlflow/traces/delete-traces", this::delete)
                .patch("mlflow/traces/{request_id}/tags", this::setTag)
                .delete("mlflow/traces/{request_id}/tags", this::deleteTag);
    }

    private Object start(ApiRequest request) {
        RequestArgs args = request.args();
        return TraceInfoResponse.of(traces.startTrace(
                args.string("experiment_id").orElse(null),
                args.longValue("timestamp_ms").orElse(0L),
                entries(args, "request_metadata"),
                entries(args, "tags")));
    }

    private Object end(ApiRequest request) {
        RequestArgs args = request.args();
        return TraceInfoResponse.of(traces.endTrace(
                request.pathParam(REQUEST_ID),
                args.longValue("timestamp_ms").orElse(0L),
                status(args),
                entries(args, "request_metadata"),
                entries(args, "tags")));
    }

    private Object get(ApiRequest request) {
        return TraceInfoResponse.of(traces.getTraceInfo(request.pathParam(REQUEST_ID)));
    }

    private Object search(ApiRequest request) {
        RequestArgs args = request.args();
        if (!args.has("experiment_ids")) {
            throw args.missing("experiment_ids");
        }
        return SearchTracesResponse.of(traces.searchTraces(
                args.strings("experiment_ids"),
                args.string("filter").orElse(null),
                args.intValue("max_results"),
                args.strings("order_by"),
                args.string("page_token")));
    }

    private Object delete(ApiRequest request) {
        RequestArgs args = request.args();
        int deleted = traces.deleteTraces(
                args.requiredNonEmptyString("experiment_id"),
                args.longValue("max_timestamp_millis").map(OptionalLong::of).orElse(OptionalLong.empty()),
                args.intValue("max_traces").map(OptionalInt::of).orElse(OptionalInt.empty()),
                args.strings("request_ids"));
        return new DeleteTracesResponse(deleted);
    }

    private Object setTag(ApiRequest request) {
        RequestArgs args = request.args();
        traces.setTraceTag(
                request.pathParam(REQUEST_ID),
                args.requiredNonEmptyString("key"),
                args.string("value").orElse(""));
        return EMPTY;
    }

    private Object deleteTag(ApiRequest request) {
        traces.deleteTraceTag(request.pathParam(REQUEST_ID), request.args().requiredNonEmptyString("key"));
        return EMPTY;
    }

    /**
     * A status by name or protobuf number (as a JSON number or a string), as protobuf's JSON parser reads an enum;
     * unset is TRACE_STATUS_UNSPECIFIED, as in MLflow's message.
     */
    private static TraceStatus status(RequestArgs args) {
        JsonNode value = args.json().get("status");
        if (value == null || value.isNull()) {
            return TraceStatus.TRACE_STATUS_UNSPECIFIED;
        }
        if (!value.isTextual() && !value.isIntegralNumber()) {
            throw args.invalid("status");
        }
        return TraceStatus.parse(value.asText()).orElseThrow(() -> args.invalid("status"));
    }

    /**
     * {@code request_metadata} or {@code tags}: an entry without a key rejects the whole field, as MLflow's request
     * schema does; a missing value is empty, and a key given twice keeps its last value.
     */
    private static Map<String, String> entries(RequestArgs args, String field) {
        Map<String, String> entries = new LinkedHashMap<>();
        TrackingArgs.keyValues(args, field, Map::entry).forEach(e -> entries.put(e.getKey(), e.getValue()));
        return entries;
    }
}

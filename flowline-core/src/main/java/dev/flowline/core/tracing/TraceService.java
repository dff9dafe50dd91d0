package dev.flowline.core.tracing;

import dev.flowline.core.Page;
import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.tracking.Experiment;
import dev.flowline.core.tracking.LifecycleStage;
import dev.flowline.core.tracking.RunStates;
import dev.flowline.core.tracking.RunTag;
import dev.flowline.core.tracking.TrackingService;
import dev.flowline.core.tracking.TrackingValidator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * MLflow's trace operations (its {@code StartTrace}, {@code EndTrace}, {@code GetTraceInfo}, {@code SearchTraces},
 * {@code DeleteTraces}, {@code SetTraceTag} and {@code DeleteTraceTag}) with every rule and message checked here,
 * once, before the {@link TraceStore} is asked.
 */
public final class TraceService {
    /** The tag that holds where a trace's {@code traces.json} is kept. */
    public static final String ARTIFACT_LOCATION_TAG = "mlflow.artifactLocation";
    /** MLflow's trace search page size when none is given, and the largest its server takes. */
    public static final int SEARCH_DEFAULT_MAX_RESULTS = 100;

    public static final int SEARCH_MAX_RESULTS = 500;

    private static final String DEFAULT_EXPERIMENT_ID = "0";

    private final TraceStore store;
    private final TrackingService tracking;

    public TraceService(TraceStore store, TrackingService tracking) {
        this.store = Objects.requireNonNull(store, "store");
        this.tracking = Objects.requireNonNull(tracking, "tracking");
    }

    /**
     * Starts a trace in an active experiment (the default one when none is given) with status IN_PROGRESS; its
     * {@code mlflow.artifactLocation} tag is {@code <experiment's artifact location>/traces/<request id>/artifacts}.
     */
    public TraceInfo startTrace(
            String experimentId, long timestampMs, Map<String, String> requestMetadata, Map<String, String> tags) {
        String id = experimentId == null || experimentId.isEmpty() ? DEFAULT_EXPERIMENT_ID : experimentId;
        Experiment experiment = tracking.getExperiment(id);
        if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
            throw RunStates.experimentNotActive(id, experiment.lifecycleStage());
        }
        String requestId = "tr-" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> allTags = new HashMap<>(TraceLimits.stored(tags));
        allTags.put(ARTIFACT_LOCATION_TAG, artifactLocation(experiment.artifactLocation(), requestId));
        TraceInfo trace = new TraceInfo(
                requestId,
                experiment.experimentId(),
                timestampMs,
                null,
                TraceStatus.IN_PROGRESS,
                TraceLimits.stored(requestMetadata),
                allTags);
        store.startTrace(trace);
        return TraceLimits.forClients(trace);
    }

    /**
     * Ends a trace: its execution time is {@code timestampMs} minus its start, and the metadata and tags are merged
     * into those it has.
     */
    public TraceInfo endTrace(
            String requestId,
            long timestampMs,
            TraceStatus status,
            Map<String, String> requestMetadata,
            Map<String, String> tags) {
        return TraceLimits.forClients(store.endTrace(
                        requestId, timestampMs, status, TraceLimits.stored(requestMetadata), TraceLimits.stored(tags))
                .orElseThrow(() -> notFound(requestId)));
    }

    public TraceInfo getTraceInfo(String requestId) {
        return TraceLimits.forClients(store.getTraceInfo(requestId).orElseThrow(() -> notFound(requestId)));
    }

    /**
     * One page of the experiments' traces.
     *
     * @param maxResults empty for MLflow's default of 100; 1 to 500
     * @param orderBy    MLflow's clauses; {@code timestamp_ms DESC, request_id} are appended as tie-breakers
     */
    public Page<TraceInfo> searchTraces(
            List<String> experimentIds,
            String filter,
            Optional<Integer> maxResults,
            List<String> orderBy,
            Optional<String> pageToken) {
        int max = maxResults.orElse(SEARCH_DEFAULT_MAX_RESULTS);
        if (max > SEARCH_MAX_RESULTS) {
            // MLflow's handler checks the limit in its request schema, hence the schema's message.
            throw FlowlineException.invalidParameter(
                    "Invalid value %d for parameter 'max_results' supplied. Hint: Value was of type 'int'. "
                            + "See the API docs for more information about request parameters.",
                    max);
        }
        if (max < 1) {
            throw FlowlineException.invalidParameter(
                    "Invalid value %d for parameter 'max_results' supplied. It must be a positive integer", max);
        }
        TraceSearchQuery query = new TraceSearchQuery(
                experimentIds,
                TraceSearchParser.parseFilter(filter),
                TraceSearchParser.parseOrderBy(orderBy),
                max,
                pageToken.filter(token -> !token.isEmpty()));
        Page<TraceInfo> page = store.searchTraces(query);
        return new Page<>(page.items().stream().map(TraceLimits::forClients).toList(), page.nextPageToken());
    }

    /**
     * Deletes an experiment's traces started at or before {@code maxTimestampMillis} (at most the oldest
     * {@code maxTraces} of them), or those named in {@code requestIds}; returns how many were deleted.
     */
    public int deleteTraces(
            String experimentId, OptionalLong maxTimestampMillis, OptionalInt maxTraces, List<String> requestIds) {
        if (maxTimestampMillis.isEmpty() && requestIds.isEmpty()) {
            throw FlowlineException.invalidParameter(
                    "Either `max_timestamp_millis` or `request_ids` must be specified.");
        }
        if (maxTimestampMillis.isPresent() && !requestIds.isEmpty()) {
            throw FlowlineException.invalidParameter(
                    "Only one of `max_timestamp_millis` and `request_ids` can be specified.");
        }
        if (!requestIds.isEmpty() && maxTraces.isPresent()) {
            throw FlowlineException.invalidParameter("`max_traces` can't be specified if `request_ids` is specified.");
        }
        if (maxTraces.isPresent() && maxTraces.getAsInt() <= 0) {
            throw FlowlineException.invalidParameter(
                    "`max_traces` must be a positive integer, received %d.", maxTraces.getAsInt());
        }
        return store.deleteTraces(new TraceDeletion(experimentId, maxTimestampMillis, maxTraces, requestIds));
    }

    /** Sets a tag; the key follows MLflow's tag-name rules, a value over 8000 characters is truncated. */
    public void setTraceTag(String requestId, String key, String value) {
        RunTag tag = TrackingValidator.checkTag("", new RunTag(key, value == null ? "" : value));
        if (!store.setTraceTag(requestId, tag.key(), tag.value())) {
            throw notFound(requestId);
        }
    }

    public void deleteTraceTag(String requestId, String key) {
        if (!store.deleteTraceTag(requestId, key)) {
            throw FlowlineException.notFound(
                    "No trace tag with key '%s' for trace with request_id '%s'", key, requestId);
        }
    }

    /** Where the trace's {@code traces.json} is kept: its {@code mlflow.artifactLocation} tag. */
    public String artifactLocation(String requestId) {
        String location = store.getTraceInfo(requestId)
                .orElseThrow(() -> notFound(requestId))
                .tags()
                .get(ARTIFACT_LOCATION_TAG);
        if (location == null) {
            throw new FlowlineException(ErrorCode.INTERNAL_ERROR, "Unable to determine trace artifact location.");
        }
        return location;
    }

    /**
     * {@code <location>/traces/<request id>/artifacts}, joined into the location's path as MLflow's
     * {@code append_to_uri_path} does (before a query string, without doubling slashes).
     */
    static String artifactLocation(String experimentLocation, String requestId) {
        String base = experimentLocation == null ? "" : experimentLocation;
        int query = base.indexOf('?');
        String path = query < 0 ? base : base.substring(0, query);
        String rest = query < 0 ? "" : base.substring(query);
        String suffix = "traces/" + requestId + "/artifacts";
        return (path.endsWith("/") ? path + suffix : path + "/" + suffix) + rest;
    }

    private static FlowlineException notFound(String requestId) {
        return FlowlineException.notFound("Trace with request_id '%s' not found.", requestId);
    }
}

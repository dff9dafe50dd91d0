package dev.flowline.core.tracing;

import dev.flowline.core.Page;
import java.util.Map;
import java.util.Optional;

/**
 * Persistence of trace infos, their tags and request metadata (MLflow's {@code trace_info}, {@code trace_tags} and
 * {@code trace_request_metadata}).
 *
 * <p>The {@link TraceService} validates every input and makes the ids; a store trusts what it is given and reports
 * a trace it does not hold by an empty or false answer, which the service turns into MLflow's messages. Every method
 * is safe to call from many threads and from many servers on one database.
 */
public interface TraceStore {

    /** Stores a new trace with its tags and request metadata. */
    void startTrace(TraceInfo trace);

    /**
     * Ends a trace in one transaction: sets its status and execution time ({@code endTimestampMs} minus its start)
     * and merges the metadata and tags into what it holds, replacing values of keys it has.
     *
     * @return the trace as it is now; empty when there is no trace with that id
     */
    Optional<TraceInfo> endTrace(
            String requestId,
            long endTimestampMs,
            TraceStatus status,
            Map<String, String> requestMetadata,
            Map<String, String> tags);

    Optional<TraceInfo> getTraceInfo(String requestId);

    /** One page of the traces of the query's experiments that match its filter, in its order. */
    Page<TraceInfo> searchTraces(TraceSearchQuery query);

    /** Deletes the traces the deletion names with their tags and metadata, and returns how many there were. */
    int deleteTraces(TraceDeletion deletion);

    /**
     * Sets a tag, replacing its value when the key exists.
     *
     * @return false when there is no trace with that id
     */
    boolean setTraceTag(String requestId, String key, String value);

    /**
     * Removes a tag.
     *
     * @return false when the trace has no tag with that key (or there is no such trace)
     */
    boolean deleteTraceTag(String requestId, String key);
}

package dev.flowline.core.tracing;

import dev.flowline.core.artifacts.ArtifactContent;
import dev.flowline.core.artifacts.RunArtifacts;
import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import java.util.Objects;

/**
 * A trace's span data, the {@code traces.json} that MLflow's clients upload to the trace's artifact location,
 * read wherever that location points (the artifact proxy's destination, a directory, S3).
 */
public final class TraceArtifacts {
    /** The file MLflow keeps a trace's spans in. */
    public static final String TRACE_DATA_FILE = "traces.json";

    private final TraceService traces;
    private final RunArtifacts artifacts;

    public TraceArtifacts(TraceService traces, RunArtifacts artifacts) {
        this.traces = Objects.requireNonNull(traces, "traces");
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
    }

    /**
     * Opens the trace's {@code traces.json}; a missing file is MLflow's NOT_FOUND
     * {@code Trace data not found for path=…}, a trace that does not exist RESOURCE_DOES_NOT_EXIST.
     */
    public ArtifactContent open(String requestId) {
        String location = traces.artifactLocation(requestId);
        try {
            return artifacts.openAt(location, TRACE_DATA_FILE, 0);
        } catch (FlowlineException e) {
            if (e.code() != ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                throw e;
            }
            String path = (location.endsWith("/") ? location : location + "/") + TRACE_DATA_FILE;
            throw new FlowlineException(ErrorCode.NOT_FOUND, "Trace data not found for path=" + path, e);
        }
    }
}

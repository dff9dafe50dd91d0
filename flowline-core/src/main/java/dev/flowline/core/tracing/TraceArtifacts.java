package dev.flowline.core.tracing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.flowline.core.artifacts.ArtifactContent;
import dev.flowline.core.artifacts.RunArtifacts;
import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A trace's span data, the {@code traces.json} that MLflow's clients upload to the trace's artifact location,
 * read wherever that location points (the artifact proxy's destination, a directory, S3).
 */
public final class TraceArtifacts {
    /** The file MLflow keeps a trace's spans in. */
    public static final String TRACE_DATA_FILE = "traces.json";

    private static final JsonFactory JSON = new JsonFactory();

    private final TraceService traces;
    private final RunArtifacts artifacts;

    public TraceArtifacts(TraceService traces, RunArtifacts artifacts) {
        this.traces = Objects.requireNonNull(traces, "traces");
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
    }

    /**
     * Opens the trace's {@code traces.json}. It is read once as JSON first, token by token, because MLflow's server
     * parses it before answering: a file that is not JSON is its INVALID_STATE {@code Trace data is corrupted for
     * path=…}, a missing one its NOT_FOUND {@code Trace data not found for path=…}, and a trace that does not exist
     * RESOURCE_DOES_NOT_EXIST.
     */
    public ArtifactContent open(String requestId) {
        String location = traces.artifactLocation(requestId);
        String path = (location.endsWith("/") ? location : location + "/") + TRACE_DATA_FILE;
        try (ArtifactContent content = openAt(location, path)) {
            if (!isJson(content)) {
                throw new FlowlineException(ErrorCode.INVALID_STATE, "Trace data is corrupted for path=" + path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return openAt(location, path);
    }

    private ArtifactContent openAt(String location, String path) {
        try {
            return artifacts.openAt(location, TRACE_DATA_FILE, 0);
        } catch (FlowlineException e) {
            if (e.code() != ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                throw e;
            }
            throw new FlowlineException(ErrorCode.NOT_FOUND, "Trace data not found for path=" + path, e);
        }
    }

    /** Whether the content is one JSON value and nothing else. */
    private static boolean isJson(ArtifactContent content) throws IOException {
        try (JsonParser parser = JSON.createParser(content.stream())) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}

package dev.flowline.server.tracing;

import dev.flowline.core.artifacts.ArtifactContent;
import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.tracing.TraceArtifacts;
import dev.flowline.server.http.Api;
import dev.flowline.server.http.RouteTable;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The web UI's download of a trace's spans, {@code /ajax-api/2.0/mlflow/get-trace-artifact?request_id=…}: the
 * trace's {@code traces.json}, streamed from wherever its artifact location points, as an attachment.
 */
public final class TraceArtifactsApi implements Api {
    private final TraceArtifacts artifacts;

    public TraceArtifactsApi(TraceArtifacts artifacts) {
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
    }

    @Override
    public void routes(RouteTable table) {
        table.raw(Method.GET, "/ajax-api/2.0/mlflow/get-trace-artifact", this::download)
                .raw(Method.GET, "/get-trace-artifact", this::download);
    }

    private void download(ServerRequest req, ServerResponse res) throws Exception {
        String requestId = req.query().contains("request_id") ? req.query().get("request_id") : "";
        if (requestId.isEmpty()) {
            throw new FlowlineException(
                    ErrorCode.BAD_REQUEST, "Request must specify the \"request_id\" query parameter.");
        }
        try (ArtifactContent content = artifacts.open(requestId)) {
            res.header(HeaderNames.CONTENT_TYPE, "application/octet-stream");
            res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=" + TraceArtifacts.TRACE_DATA_FILE);
            res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
            res.header(HeaderNames.CONTENT_LENGTH, Long.toString(content.size()));
            try (OutputStream out = res.outputStream()) {
                content.stream().transferTo(out);
            }
        }
    }
}

package dev.flowline.server.artifacts;

import dev.flowline.core.artifacts.ArtifactPaths;
import dev.flowline.core.artifacts.RunArtifacts;
import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.registry.ModelRegistryService;
import dev.flowline.server.http.Api;
import dev.flowline.server.http.ApiRequest;
import dev.flowline.server.http.RequestArgs;
import dev.flowline.server.http.RouteTable;
import dev.flowline.server.http.WireJson;
import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * A run's artifacts wherever its artifact URI points (the proxy's destination, a directory, S3):
 * {@code mlflow/artifacts/list}, the web UI's downloads {@code /get-artifact} and
 * {@code /model-versions/get-artifact}, and its upload {@code /ajax-api/2.0/mlflow/upload-artifact}.
 */
public final class RunArtifactsApi implements Api {
    /** MLflow's limit for the web UI's uploads. */
    private static final int MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

    private final RunArtifacts artifacts;
    private final ModelRegistryService registry;

    public RunArtifactsApi(RunArtifacts artifacts, ModelRegistryService registry) {
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void routes(RouteTable table) {
        WireJson json = table.json();
        table.get("mlflow/artifacts/list", request -> list(request.args()))
                .raw(Method.GET, "/get-artifact", (req, res) -> getArtifact(new ApiRequest(req, json), res))
                .raw(
                        Method.GET,
                        "/model-versions/get-artifact",
                        (req, res) -> getModelVersionArtifact(new ApiRequest(req, json), res))
                .raw(Method.POST, "/ajax-api/2.0/mlflow/upload-artifact", this::uploadArtifact);
    }

    /** {@code artifacts/list} on its decoded arguments; also what GraphQL's {@code mlflowListArtifacts} answers. */
    public Object list(RequestArgs args) {
        RunArtifacts.Listing listing =
                artifacts.list(runId(args), args.string("path").orElse(""));
        return new ArtifactsJson.ListArtifactsResponse(
                listing.rootUri(), ArtifactsJson.FileInfoJson.of(listing.files()));
    }

    private void getArtifact(ApiRequest request, ServerResponse res) throws Exception {
        RequestArgs args = request.args();
        // As MLflow: the path is checked before the run is looked up.
        String path = safePath(args);
        String runId = runId(args);
        ArtifactDownloads.send(request.raw(), res, path, offset -> artifacts.open(runId, path, offset));
    }

    private void getModelVersionArtifact(ApiRequest request, ServerResponse res) throws Exception {
        RequestArgs args = request.args();
        // As MLflow: the path is checked before the model version is looked up.
        String path = safePath(args);
        String uri = registry.getModelVersionDownloadUri(args.requiredString("name"), args.requiredString("version"));
        ArtifactDownloads.send(request.raw(), res, path, offset -> artifacts.openAt(uri, path, offset));
    }

    /**
     * The web UI's upload of one small file into a run's artifacts: {@code run_uuid} and {@code path} in the query
     * string, the file as the body, checked in MLflow's order and with its messages.
     */
    private void uploadArtifact(ServerRequest req, ServerResponse res) throws Exception {
        String runId = queryValue(req, "run_uuid")
                .orElseThrow(() -> FlowlineException.invalidParameter("Request must specify run_uuid."));
        String path = queryValue(req, "path")
                .orElseThrow(() -> FlowlineException.invalidParameter("Request must specify path."));
        ArtifactPaths.validate(path);
        if (req.headers().contentLength().orElse(0) > MAX_UPLOAD_BYTES) {
            throw tooLarge();
        }
        byte[] data;
        try (InputStream body = req.content().inputStream()) {
            data = body.readNBytes(MAX_UPLOAD_BYTES + 1);
        }
        if (data.length > MAX_UPLOAD_BYTES) {
            throw tooLarge();
        }
        if (data.length == 0) {
            throw FlowlineException.invalidParameter("Request must specify data.");
        }
        artifacts.write(runId, path, new ByteArrayInputStream(data), data.length);
        res.header(HeaderValues.CONTENT_TYPE_JSON).send();
    }

    /** The required {@code path} argument, refused with MLflow's "Invalid path" when it leads anywhere unsafe. */
    private static String safePath(RequestArgs args) {
        String path = args.requiredString("path");
        ArtifactPaths.validate(path);
        return path;
    }

    private static FlowlineException tooLarge() {
        return FlowlineException.invalidParameter("Artifact size is too large. Max size is 10MB.");
    }

    private static Optional<String> queryValue(ServerRequest req, String name) {
        UriQuery query = req.query();
        return query.contains(name) ? Optional.of(query.get(name)).filter(s -> !s.isEmpty()) : Optional.empty();
    }

    /** MLflow accepts the run's id as {@code run_id} or the older {@code run_uuid}. */
    private static String runId(RequestArgs args) {
        Optional<String> id = args.string("run_id").filter(s -> !s.isEmpty()).or(() -> args.string("run_uuid"));
        return id.filter(s -> !s.isEmpty()).orElseThrow(() -> args.missing("run_id"));
    }
}

package dev.flowline.server.artifacts;

import dev.flowline.core.artifacts.RunArtifacts;
import dev.flowline.core.registry.ModelRegistryService;
import dev.flowline.server.http.Api;
import dev.flowline.server.http.ApiRequest;
import dev.flowline.server.http.RequestArgs;
import dev.flowline.server.http.RouteTable;
import dev.flowline.server.http.WireJson;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerResponse;
import java.util.Objects;
import java.util.Optional;

/**
 * A run's artifacts wherever its artifact URI points (the proxy's destination, a directory, S3):
 * {@code mlflow/artifacts/list}, and the web UI's downloads {@code /get-artifact} and
 * {@code /model-versions/get-artifact}.
 */
public final class RunArtifactsApi implements Api {
    private final RunArtifacts artifacts;
    private final ModelRegistryService registry;

    public RunArtifactsApi(RunArtifacts artifacts, ModelRegistryService registry) {
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void routes(RouteTable table) {
        WireJson json = table.json();
        table.get("mlflow/artifacts/list", this::list)
                .raw(Method.GET, "/get-artifact", (req, res) -> getArtifact(new ApiRequest(req, json), res))
                .raw(
                        Method.GET,
                        "/model-versions/get-artifact",
                        (req, res) -> getModelVersionArtifact(new ApiRequest(req, json), res));
    }

    private Object list(ApiRequest request) {
        RequestArgs args = request.args();
        RunArtifacts.Listing listing =
                artifacts.list(runId(args), args.string("path").orElse(""));
        return new ArtifactsJson.ListArtifactsResponse(
                listing.rootUri(), ArtifactsJson.FileInfoJson.of(listing.files()));
    }

    private void getArtifact(ApiRequest request, ServerResponse res) throws Exception {
        RequestArgs args = request.args();
        String runId = runId(args);
        String path = args.requiredString("path");
        ArtifactDownloads.send(request.raw(), res, path, offset -> artifacts.open(runId, path, offset));
    }

    private void getModelVersionArtifact(ApiRequest request, ServerResponse res) throws Exception {
        RequestArgs args = request.args();
        String path = args.requiredString("path");
        String uri = registry.getModelVersionDownloadUri(args.requiredString("name"), args.requiredString("version"));
        ArtifactDownloads.send(request.raw(), res, path, offset -> artifacts.openAt(uri, path, offset));
    }

    /** MLflow accepts the run's id as {@code run_id} or the older {@code run_uuid}. */
    private static String runId(RequestArgs args) {
        Optional<String> id = args.string("run_id").filter(s -> !s.isEmpty()).or(() -> args.string("run_uuid"));
        return id.filter(s -> !s.isEmpty()).orElseThrow(() -> args.missing("run_id"));
    }
}

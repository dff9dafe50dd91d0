package dev.flowline.server.artifacts;

import dev.flowline.core.artifacts.ProxiedArtifacts;
import dev.flowline.server.http.Api;
import dev.flowline.server.http.ApiRequest;
import dev.flowline.server.http.RouteTable;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.InputStream;
import java.util.Objects;

/**
 * The artifact proxy ({@code mlflow-artifacts}): clients upload, download, list and delete artifacts
 * through the server, which keeps them in its {@code --artifacts-destination}. Bodies stream straight
 * between the socket and the store.
 */
public final class ArtifactsApi implements Api {
    private static final String ARTIFACTS = "mlflow-artifacts/artifacts";

    private final ProxiedArtifacts artifacts;

    public ArtifactsApi(ProxiedArtifacts artifacts) {
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
    }

    @Override
    public void routes(RouteTable table) {
        table.get(ARTIFACTS, this::list)
                .api(Method.GET, ARTIFACTS + "/{+path}", this::download)
                .api(Method.PUT, ARTIFACTS + "/{+path}", this::upload)
                .api(Method.DELETE, ARTIFACTS + "/{+path}", this::delete);
    }

    private Object list(ApiRequest request) {
        String path = request.args().string("path").orElse("");
        return new ArtifactsJson.ListArtifactsResponse(null, ArtifactsJson.FileInfoJson.of(artifacts.list(path)));
    }

    private void download(ServerRequest req, ServerResponse res) throws Exception {
        String path = path(req);
        ArtifactDownloads.send(req, res, path, offset -> artifacts.download(path, offset));
    }

    private void upload(ServerRequest req, ServerResponse res) throws Exception {
        long length = req.headers().contentLength().orElse(-1);
        try (InputStream body = req.content().inputStream()) {
            artifacts.upload(path(req), body, length);
        }
        sendEmptyJson(res);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        artifacts.delete(path(req));
        sendEmptyJson(res);
    }

    private static String path(ServerRequest req) {
        return req.path().pathParameters().get("path");
    }

    static void sendEmptyJson(ServerResponse res) {
        res.header(HeaderValues.CONTENT_TYPE_JSON).send("{}");
    }
}

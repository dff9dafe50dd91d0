package dev.flowline.server.artifacts;

import dev.flowline.core.artifacts.MultipartArtifactRepository.UploadedPart;
import dev.flowline.core.artifacts.ProxiedArtifacts;
import dev.flowline.server.http.Api;
import dev.flowline.server.http.ApiRequest;
import dev.flowline.server.http.RequestArgs;
import dev.flowline.server.http.RouteTable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * MLflow's multipart upload through the proxy ({@code mlflow-artifacts/mpu/*}): the server starts the
 * upload in its destination and hands out presigned part URLs; stores without multipart answer
 * NOT_IMPLEMENTED, as MLflow's do.
 */
public final class MultipartApi implements Api {
    private static final String MPU = "mlflow-artifacts/mpu/";

    private final ProxiedArtifacts artifacts;

    public MultipartApi(ProxiedArtifacts artifacts) {
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
    }

    @Override
    public void routes(RouteTable table) {
        table.post(MPU + "create/{+path}", this::create)
                .post(MPU + "complete/{+path}", this::complete)
                .post(MPU + "abort/{+path}", this::abort);
    }

    private Object create(ApiRequest request) {
        artifacts.multipart();
        RequestArgs args = request.args();
        int numParts = args.intValue("num_parts").orElseThrow(() -> args.missing("num_parts"));
        return ArtifactsJson.CreateMultipartUploadResponse.of(
                artifacts.createMultipartUpload(request.pathParam("path"), args.requiredString("path"), numParts));
    }

    private Object complete(ApiRequest request) {
        artifacts.multipart();
        RequestArgs args = request.args();
        List<UploadedPart> parts = args.objects("parts").stream()
                .map(p -> new UploadedPart(
                        p.intValue("part_number").orElseThrow(() -> p.missing("part_number")),
                        p.requiredString("etag")))
                .toList();
        artifacts.completeMultipartUpload(
                request.pathParam("path"), args.requiredString("path"), args.requiredString("upload_id"), parts);
        return Map.of();
    }

    private Object abort(ApiRequest request) {
        artifacts.multipart();
        RequestArgs args = request.args();
        artifacts.abortMultipartUpload(
                request.pathParam("path"), args.requiredString("path"), args.requiredString("upload_id"));
        return Map.of();
    }
}

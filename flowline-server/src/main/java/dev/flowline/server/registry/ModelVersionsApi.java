package dev.flowline.server.registry;

import static dev.flowline.server.http.WireMessages.EMPTY;

import dev.flowline.core.registry.ModelRegistryService;
import dev.flowline.core.registry.RegistryTag;
import dev.flowline.server.http.Api;
import dev.flowline.server.http.ApiRequest;
import dev.flowline.server.http.RequestArgs;
import dev.flowline.server.http.RouteTable;
import dev.flowline.server.http.StreamedJson;
import dev.flowline.server.registry.RegistryJson.DownloadUriResponse;
import dev.flowline.server.registry.RegistryJson.ModelVersionResponse;
import dev.flowline.server.registry.RegistryJson.ModelVersionsResponse;
import dev.flowline.server.tracking.TrackingArgs;
import java.util.Objects;

/** MLflow's model-version endpoints, {@code mlflow/model-versions/*}. */
public final class ModelVersionsApi implements Api {
    private final ModelRegistryService registry;

    public ModelVersionsApi(ModelRegistryService registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void routes(RouteTable table) {
        table.post("mlflow/model-versions/create", this::create)
                .patch("mlflow/model-versions/update", this::update)
                .post("mlflow/model-versions/transition-stage", this::transitionStage)
                .delete("mlflow/model-versions/delete", this::delete)
                .get("mlflow/model-versions/get", this::get)
                .get("mlflow/model-versions/search", request -> search(request.args()))
                .get("mlflow/model-versions/get-download-uri", this::downloadUri)
                .post("mlflow/model-versions/set-tag", this::setTag)
                .delete("mlflow/model-versions/delete-tag", this::deleteTag);
    }

    private Object create(ApiRequest request) {
        RequestArgs args = request.args();
        return ModelVersionResponse.of(registry.createModelVersion(
                args.requiredNonEmptyString("name"),
                args.requiredNonEmptyString("source"),
                args.string("run_id"),
                TrackingArgs.keyValues(args, "tags", RegistryTag::new),
                args.string("run_link").orElse(null),
                args.string("description").orElse(null)));
    }

    private Object update(ApiRequest request) {
        RequestArgs args = request.args();
        return ModelVersionResponse.of(registry.updateModelVersion(
                args.requiredNonEmptyString("name"),
                args.requiredNonEmptyString("version"),
                args.string("description").orElse(null)));
    }

    private Object transitionStage(ApiRequest request) {
        RequestArgs args = request.args();
        return ModelVersionResponse.of(registry.transitionModelVersionStage(
                args.requiredNonEmptyString("name"),
                args.requiredNonEmptyString("version"),
                args.requiredNonEmptyString("stage"),
                args.booleanValue("archive_existing_versions").orElse(false)));
    }

    private Object delete(ApiRequest request) {
        RequestArgs args = request.args();
        registry.deleteModelVersion(args.requiredNonEmptyString("name"), args.requiredNonEmptyString("version"));
        return EMPTY;
    }

    private Object get(ApiRequest request) {
        RequestArgs args = request.args();
        return ModelVersionResponse.of(
                registry.getModelVersion(args.requiredNonEmptyString("name"), args.requiredNonEmptyString("version")));
    }

    /**
     * {@code model-versions/search} on its decoded arguments; also what GraphQL's {@code mlflowSearchModelVersions}
     * and a run's {@code modelVersions} answer.
     */
    public Object search(RequestArgs args) {
        return StreamedJson.of(ModelVersionsResponse.of(registry.searchModelVersions(
                args.string("filter").orElse(null),
                args.intValue("max_results"),
                args.strings("order_by"),
                args.string("page_token").filter(t -> !t.isEmpty()))));
    }

    private Object downloadUri(ApiRequest request) {
        RequestArgs args = request.args();
        return new DownloadUriResponse(registry.getModelVersionDownloadUri(
                args.requiredNonEmptyString("name"), args.requiredNonEmptyString("version")));
    }

    private Object setTag(ApiRequest request) {
        RequestArgs args = request.args();
        registry.setModelVersionTag(
                args.requiredNonEmptyString("name"),
                args.requiredNonEmptyString("version"),
                args.requiredNonEmptyString("key"),
                args.string("value").orElse(null));
        return EMPTY;
    }

    private Object deleteTag(ApiRequest request) {
        RequestArgs args = request.args();
        registry.deleteModelVersionTag(
                args.requiredNonEmptyString("name"),
                args.requiredNonEmptyString("version"),
                args.requiredNonEmptyString("key"));
        return EMPTY;
    }
}

package dev.flowline.server.registry;

import static dev.flowline.server.http.WireMessages.EMPTY;

import dev.flowline.core.registry.ModelRegistryService;
import dev.flowline.core.registry.RegistryTag;
import dev.flowline.server.http.Api;
import dev.flowline.server.http.ApiRequest;
import dev.flowline.server.http.RequestArgs;
import dev.flowline.server.http.RouteTable;
import dev.flowline.server.registry.RegistryJson.ModelVersionResponse;
import dev.flowline.server.registry.RegistryJson.ModelVersionsResponse;
import dev.flowline.server.registry.RegistryJson.RegisteredModelResponse;
import dev.flowline.server.registry.RegistryJson.SearchRegisteredModelsResponse;
import dev.flowline.server.tracking.TrackingArgs;
import java.util.Objects;

/** MLflow's registered-model endpoints, {@code mlflow/registered-models/*}, aliases included. */
public final class RegisteredModelsApi implements Api {
    private final ModelRegistryService registry;

    public RegisteredModelsApi(ModelRegistryService registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void routes(RouteTable table) {
        table.post("mlflow/registered-models/create", this::create)
                .post("mlflow/registered-models/rename", this::rename)
                .patch("mlflow/registered-models/update", this::update)
                .delete("mlflow/registered-models/delete", this::delete)
                .get("mlflow/registered-models/get", this::get)
                .get("mlflow/registered-models/search", this::search)
                .get("mlflow/registered-models/get-latest-versions", this::latestVersions)
                .post("mlflow/registered-models/get-latest-versions", this::latestVersions)
                .post("mlflow/registered-models/set-tag", this::setTag)
                .delete("mlflow/registered-models/delete-tag", this::deleteTag)
                .post("mlflow/registered-models/alias", this::setAlias)
                .delete("mlflow/registered-models/alias", this::deleteAlias)
                .get("mlflow/registered-models/alias", this::getByAlias);
    }

    private Object create(ApiRequest request) {
        RequestArgs args = request.args();
        return RegisteredModelResponse.of(registry.createRegisteredModel(
                args.requiredNonEmptyString("name"),
                TrackingArgs.keyValues(args, "tags", RegistryTag::new),
                args.string("description").orElse(null)));
    }

    private Object rename(ApiRequest request) {
        RequestArgs args = request.args();
        return RegisteredModelResponse.of(registry.renameRegisteredModel(
                args.requiredNonEmptyString("name"), args.requiredNonEmptyString("new_name")));
    }

    private Object update(ApiRequest request) {
        RequestArgs args = request.args();
        return RegisteredModelResponse.of(registry.updateRegisteredModel(
                args.requiredNonEmptyString("name"), args.string("description").orElse(null)));
    }

    private Object delete(ApiRequest request) {
        registry.deleteRegisteredModel(request.args().requiredNonEmptyString("name"));
        return EMPTY;
    }

    private Object get(ApiRequest request) {
        return RegisteredModelResponse.of(
                registry.getRegisteredModel(request.args().requiredNonEmptyString("name")));
    }

    private Object search(ApiRequest request) {
        RequestArgs args = request.args();
        return SearchRegisteredModelsResponse.of(registry.searchRegisteredModels(
                args.string("filter").orElse(null),
                args.intValue("max_results"),
                args.strings("order_by"),
                args.string("page_token").filter(t -> !t.isEmpty())));
    }

    private Object latestVersions(ApiRequest request) {
        RequestArgs args = request.args();
        return ModelVersionsResponse.of(
                registry.getLatestVersions(args.requiredNonEmptyString("name"), args.strings("stages")));
    }

    private Object setTag(ApiRequest request) {
        RequestArgs args = request.args();
        registry.setRegisteredModelTag(
                args.requiredNonEmptyString("name"),
                args.requiredNonEmptyString("key"),
                args.string("value").orElse(null));
        return EMPTY;
    }

    private Object deleteTag(ApiRequest request) {
        RequestArgs args = request.args();
        registry.deleteRegisteredModelTag(args.requiredNonEmptyString("name"), args.requiredNonEmptyString("key"));
        return EMPTY;
    }

    private Object setAlias(ApiRequest request) {
        RequestArgs args = request.args();
        registry.setRegisteredModelAlias(
                args.requiredNonEmptyString("name"),
                args.requiredNonEmptyString("alias"),
                args.requiredNonEmptyString("version"));
        return EMPTY;
    }

    private Object deleteAlias(ApiRequest request) {
        RequestArgs args = request.args();
        registry.deleteRegisteredModelAlias(args.requiredNonEmptyString("name"), args.requiredNonEmptyString("alias"));
        return EMPTY;
    }

    private Object getByAlias(ApiRequest request) {
        RequestArgs args = request.args();
        return ModelVersionResponse.of(registry.getModelVersionByAlias(
                args.requiredNonEmptyString("name"), args.requiredNonEmptyString("alias")));
    }
}

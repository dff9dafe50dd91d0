package dev.flowline.server.registry;

import dev.flowline.core.Page;
import dev.flowline.core.registry.ModelAlias;
import dev.flowline.core.registry.ModelVersion;
import dev.flowline.core.registry.RegisteredModel;
import dev.flowline.core.registry.RegistryTag;
import dev.flowline.server.http.WireMessages.KeyValue;
import java.util.AbstractList;
import java.util.List;
import java.util.function.Function;

/**
 * The registry API's wire records, shaped as MLflow's protobuf messages in JSON: versions as strings, stages by
 * their names ({@code None}, {@code Staging}, …), unset fields and empty lists omitted.
 */
final class RegistryJson {
    private RegistryJson() {}

    static KeyValue keyValue(RegistryTag tag) {
        return new KeyValue(tag.key(), tag.value());
    }

    record AliasJson(String alias, String version) {
        static AliasJson of(ModelAlias alias) {
            return new AliasJson(alias.alias(), Long.toString(alias.version()));
        }
    }

    record ModelVersionJson(
            String name,
            String version,
            long creationTimestamp,
            long lastUpdatedTimestamp,
            String userId,
            String currentStage,
            String description,
            String source,
            String runId,
            String status,
            String statusMessage,
            List<KeyValue> tags,
            String runLink,
            List<String> aliases) {
        static ModelVersionJson of(ModelVersion v) {
            return new ModelVersionJson(
                    v.name(),
                    Long.toString(v.version()),
                    v.creationTimestamp(),
                    v.lastUpdatedTimestamp(),
                    v.userId(),
                    v.currentStage().wireName(),
                    v.description(),
                    v.source(),
                    v.runId(),
                    v.status().name(),
                    v.statusMessage(),
                    map(v.tags(), RegistryJson::keyValue),
                    v.runLink(),
                    v.aliases());
        }
    }

    record RegisteredModelJson(
            String name,
            long creationTimestamp,
            long lastUpdatedTimestamp,
            String description,
            List<ModelVersionJson> latestVersions,
            List<KeyValue> tags,
            List<AliasJson> aliases) {
        static RegisteredModelJson of(RegisteredModel m) {
            return new RegisteredModelJson(
                    m.name(),
                    m.creationTimestamp(),
                    m.lastUpdatedTimestamp(),
                    m.description(),
                    map(m.latestVersions(), ModelVersionJson::of),
                    map(m.tags(), RegistryJson::keyValue),
                    map(m.aliases(), AliasJson::of));
        }
    }

    record RegisteredModelResponse(RegisteredModelJson registeredModel) {
        static RegisteredModelResponse of(RegisteredModel model) {
            return new RegisteredModelResponse(RegisteredModelJson.of(model));
        }
    }

    record SearchRegisteredModelsResponse(List<RegisteredModelJson> registeredModels, String nextPageToken) {
        static SearchRegisteredModelsResponse of(Page<RegisteredModel> page) {
            return new SearchRegisteredModelsResponse(
                    map(page.items(), RegisteredModelJson::of),
                    page.nextPageToken().orElse(null));
        }
    }

    record ModelVersionResponse(ModelVersionJson modelVersion) {
        static ModelVersionResponse of(ModelVersion version) {
            return new ModelVersionResponse(ModelVersionJson.of(version));
        }
    }

    record ModelVersionsResponse(List<ModelVersionJson> modelVersions, String nextPageToken) {
        static ModelVersionsResponse of(List<ModelVersion> versions) {
            return new ModelVersionsResponse(map(versions, ModelVersionJson::of), null);
        }

        /** A search page; its versions become wire records one by one as they are written (up to 200,000). */
        static ModelVersionsResponse of(Page<ModelVersion> page) {
            List<ModelVersion> versions = page.items();
            List<ModelVersionJson> view = new AbstractList<>() {
                @Override
                public ModelVersionJson get(int index) {
                    return ModelVersionJson.of(versions.get(index));
                }

                @Override
                public int size() {
                    return versions.size();
                }
            };
            return new ModelVersionsResponse(view, page.nextPageToken().orElse(null));
        }
    }

    record DownloadUriResponse(String artifactUri) {}

    private static <T, R> List<R> map(List<T> items, Function<T, R> mapper) {
        return items.stream().map(mapper).toList();
    }
}

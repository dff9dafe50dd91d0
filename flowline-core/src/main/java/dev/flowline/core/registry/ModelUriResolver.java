package dev.flowline.core.registry;

import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.tracking.Run;
import dev.flowline.core.tracking.TrackingStore;
import java.util.List;
import java.util.Objects;

/**
 * Resolves model URIs to the artifact URI their files are at, in one place for the REST API, serving and
 * clients: {@code models:/name/<version>}, {@code models:/name@alias}, {@code models:/name/<stage>} (the
 * stage's highest version), {@code models:/name/latest} (the highest version) and {@code runs:/<run_id>/path}.
 */
public final class ModelUriResolver {
    private final ModelRegistryStore registry;
    private final TrackingStore tracking;

    public ModelUriResolver(ModelRegistryStore registry, TrackingStore tracking) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.tracking = Objects.requireNonNull(tracking, "tracking");
    }

    /** The artifact URI of a {@code models:/} or {@code runs:/} URI; other URIs are returned as they are. */
    public String resolve(String uri) {
        if (ModelUri.isModelUri(uri)) {
            return resolveVersion(ModelUri.parse(uri)).downloadUri();
        }
        if (RunsUri.isRunsUri(uri)) {
            RunsUri runsUri = RunsUri.parse(uri);
            return underRun(runsUri.runId(), runsUri.path());
        }
        return uri;
    }

    /** The model version a {@code models:/} URI names. */
    public ModelVersion resolveVersion(ModelUri uri) {
        if (uri.version().isPresent()) {
            long version = uri.version().get();
            return registry.getModelVersion(uri.name(), version)
                    .orElseThrow(() -> ModelRegistryService.versionNotFound(uri.name(), version));
        }
        if (uri.alias().isPresent()) {
            return registry.getModelVersionByAlias(uri.name(), uri.alias().get())
                    .orElseThrow(
                            () -> ModelRegistryService.aliasNotFound(uri.alias().get()));
        }
        List<ModelVersion> latest =
                registry.getLatestVersions(uri.name(), uri.stage().map(List::of).orElse(List.of()));
        return latest.stream()
                .max((a, b) -> Long.compare(a.version(), b.version()))
                .orElseThrow(() -> FlowlineException.notFound(
                        "No versions of model with name '%s'%s found",
                        uri.name(),
                        uri.stage()
                                .map(s -> " and stage '" + s.wireName() + "'")
                                .orElse("")));
    }

    /** The artifact URI of a path under a run's artifact root. */
    String underRun(String runId, String path) {
        Run run =
                tracking.getRun(runId).orElseThrow(() -> FlowlineException.notFound("Run with id=%s not found", runId));
        String root = run.info().artifactUri();
        if (path.isEmpty()) {
            return root;
        }
        return root.endsWith("/") ? root + path : root + "/" + path;
    }
}

package dev.flowline.core.registry;

import dev.flowline.core.Page;
import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.search.EntityType;
import dev.flowline.core.search.Field;
import dev.flowline.core.search.OrderBy;
import dev.flowline.core.tracking.TrackingStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The model registry's operations with all of MLflow's validation and messages; stores receive only valid input.
 * Strings are as clients send them: versions are parsed here, stage names are read case-insensitively.
 */
public final class ModelRegistryService {
    /** MLflow's registered-model search page size when none is given, and its largest. */
    public static final int MODELS_DEFAULT_MAX_RESULTS = 100;

    public static final int MODELS_MAX_RESULTS = 1000;
    /** MLflow's model-version search page size when none is given, and its largest. */
    public static final int VERSIONS_DEFAULT_MAX_RESULTS = 10_000;

    public static final int VERSIONS_MAX_RESULTS = 200_000;

    private static final String MODEL_TAG = "Registered model";
    private static final String VERSION_TAG = "Model version";

    private final ModelRegistryStore store;
    private final Clock clock;
    private final ModelUriResolver resolver;
    private final ModelSources sources;

    public ModelRegistryService(ModelRegistryStore store, TrackingStore tracking, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.resolver = new ModelUriResolver(store, tracking);
        this.sources = new ModelSources(tracking, resolver);
    }

    /** The resolver of {@code models:/} and {@code runs:/} URIs on the same stores. */
    public ModelUriResolver resolver() {
        return resolver;
    }

    public RegisteredModel createRegisteredModel(String name, List<RegistryTag> tags, String description) {
        RegistryRules.modelName(name);
        return store.createRegisteredModel(name, description, modelTags(tags), now());
    }

    public RegisteredModel getRegisteredModel(String name) {
        RegistryRules.modelName(name);
        return store.getRegisteredModel(name).orElseThrow(() -> modelNotFound(name));
    }

    public RegisteredModel updateRegisteredModel(String name, String description) {
        RegistryRules.modelName(name);
        return store.updateRegisteredModel(name, description, now());
    }

    public RegisteredModel renameRegisteredModel(String name, String newName) {
        RegistryRules.modelName(name);
        RegistryRules.modelName(newName);
        return store.renameRegisteredModel(name, newName, now());
    }

    public void deleteRegisteredModel(String name) {
        RegistryRules.modelName(name);
        store.deleteRegisteredModel(name);
    }

    /**
     * @param maxResults  empty for MLflow's default of 100; at most 1000
     * @param orderBy     MLflow's clauses; {@code name ASC} is appended as the tie-breaker
     */
    public Page<RegisteredModel> searchRegisteredModels(
            String filter, Optional<Integer> maxResults, List<String> orderBy, Optional<String> pageToken) {
        int max = maxResults(maxResults, MODELS_DEFAULT_MAX_RESULTS, MODELS_MAX_RESULTS);
        List<OrderBy> order = new ArrayList<>(RegistrySearchParser.parseModelOrderBy(orderBy));
        appendIfAbsent(order, RegistrySearchParser.NAME, true);
        PromptFilter prompts = PromptFilter.of(RegistrySearchParser.parseModelFilter(filter));
        return store.searchRegisteredModels(
                new RegistrySearchQuery(prompts.filter(), order, max, pageToken, prompts.excludePrompts()));
    }

    /** The highest version in each of the stages, all stages when none are given. */
    public List<ModelVersion> getLatestVersions(String name, List<String> stages) {
        RegistryRules.modelName(name);
        List<ModelStage> parsed =
                stages.stream().map(ModelStage::parse).distinct().toList();
        return store.getLatestVersions(name, parsed);
    }

    public void setRegisteredModelTag(String name, String key, String value) {
        RegistryRules.modelName(name);
        store.setRegisteredModelTag(name, RegistryRules.tag(MODEL_TAG, key, value));
    }

    public void deleteRegisteredModelTag(String name, String key) {
        RegistryRules.modelName(name);
        store.deleteRegisteredModelTag(name, RegistryRules.tagName(key));
    }

    /**
     * Registers a new version. The source is checked against path traversal and, when local or proxied, against
     * the artifact location of the run it names (see {@link ModelSources}).
     */
    public ModelVersion createModelVersion(
            String name,
            String source,
            Optional<String> runId,
            List<RegistryTag> tags,
            String runLink,
            String description) {
        RegistryRules.modelName(name);
        if (source == null || source.isEmpty()) {
            throw FlowlineException.invalidParameter("Missing value for required parameter 'source'.");
        }
        Optional<String> run = runId.filter(id -> !id.isEmpty());
        List<RegistryTag> checkedTags = versionTags(tags);
        String storageLocation = sources.storageLocation(source, run);
        return store.createModelVersion(new NewModelVersion(
                name, source, storageLocation, run.orElse(null), runLink, description, checkedTags, now()));
    }

    public ModelVersion getModelVersion(String name, String version) {
        RegistryRules.modelName(name);
        long number = RegistryRules.version(version);
        return store.getModelVersion(name, number).orElseThrow(() -> versionNotFound(name, number));
    }

    public ModelVersion updateModelVersion(String name, String version, String description) {
        RegistryRules.modelName(name);
        return store.updateModelVersion(name, RegistryRules.version(version), description, now());
    }

    /** Moves the version to the stage; {@code archiveExisting} is allowed only for Staging and Production. */
    public ModelVersion transitionModelVersionStage(
            String name, String version, String stage, boolean archiveExisting) {
        RegistryRules.modelName(name);
        long number = RegistryRules.version(version);
        ModelStage target = ModelStage.parse(stage);
        if (archiveExisting && !ModelStage.ACTIVE.contains(target)) {
            throw FlowlineException.invalidParameter(
                    "Model version transition cannot archive existing model versions "
                            + "because '%s' is not an Active stage. Valid stages are %s",
                    stage,
                    ModelStage.ACTIVE.stream()
                            .map(s -> "'" + s.wireName() + "'")
                            .toList()
                            .toString());
        }
        return store.transitionModelVersionStage(name, number, target, archiveExisting, now());
    }

    public void deleteModelVersion(String name, String version) {
        RegistryRules.modelName(name);
        store.deleteModelVersion(name, RegistryRules.version(version), now());
    }

    /** Where the version's files can be downloaded from: its source with {@code runs:/} and {@code models:/} resolved. */
    public String getModelVersionDownloadUri(String name, String version) {
        return getModelVersion(name, version).downloadUri();
    }

    /**
     * @param maxResults empty for MLflow's default of 10,000; at most 200,000
     * @param orderBy    MLflow's clauses, default {@code last_updated_timestamp DESC}; {@code name ASC} and
     *                   {@code version_number DESC} are appended as tie-breakers
     */
    public Page<ModelVersion> searchModelVersions(
            String filter, Optional<Integer> maxResults, List<String> orderBy, Optional<String> pageToken) {
        int max = maxResults(maxResults, VERSIONS_DEFAULT_MAX_RESULTS, VERSIONS_MAX_RESULTS);
        List<OrderBy> order = new ArrayList<>(RegistrySearchParser.parseVersionOrderBy(
                orderBy.isEmpty() ? List.of("last_updated_timestamp DESC") : orderBy));
        appendIfAbsent(order, RegistrySearchParser.NAME, true);
        appendIfAbsent(order, RegistrySearchParser.VERSION_NUMBER, false);
        PromptFilter prompts = PromptFilter.of(RegistrySearchParser.parseVersionFilter(filter));
        return store.searchModelVersions(
                new RegistrySearchQuery(prompts.filter(), order, max, pageToken, prompts.excludePrompts()));
    }

    public void setModelVersionTag(String name, String version, String key, String value) {
        RegistryRules.modelName(name);
        long number = RegistryRules.version(version);
        store.setModelVersionTag(name, number, RegistryRules.tag(VERSION_TAG, key, value));
    }

    public void deleteModelVersionTag(String name, String version, String key) {
        RegistryRules.modelName(name);
        long number = RegistryRules.version(version);
        store.deleteModelVersionTag(name, number, RegistryRules.tagName(key));
    }

    public void setRegisteredModelAlias(String name, String alias, String version) {
        RegistryRules.modelName(name);
        RegistryRules.alias(alias);
        store.setRegisteredModelAlias(name, alias, RegistryRules.version(version));
    }

    public void deleteRegisteredModelAlias(String name, String alias) {
        RegistryRules.modelName(name);
        store.deleteRegisteredModelAlias(name, RegistryRules.alias(alias));
    }

    public ModelVersion getModelVersionByAlias(String name, String alias) {
        RegistryRules.modelName(name);
        RegistryRules.alias(alias);
        return store.getModelVersionByAlias(name, alias).orElseThrow(() -> aliasNotFound(alias));
    }

    static FlowlineException modelNotFound(String name) {
        return FlowlineException.notFound("Registered Model with name=%s not found", name);
    }

    static FlowlineException versionNotFound(String name, long version) {
        return FlowlineException.notFound("Model Version (name=%s, version=%d) not found", name, version);
    }

    static FlowlineException aliasNotFound(String alias) {
        return FlowlineException.invalidParameter("Registered model alias %s not found.", alias);
    }

    private static int maxResults(Optional<Integer> requested, int defaultValue, int limit) {
        int max = requested.orElse(defaultValue);
        if (max < 1) {
            throw FlowlineException.invalidParameter(
                    "Invalid value for max_results. It must be a positive integer, but got %d", max);
        }
        if (max > limit) {
            // MLflow's registry search handlers check the limit in their request schema, hence the schema's message.
            throw FlowlineException.invalidParameter(
                    "Invalid value %d for parameter 'max_results' supplied. Hint: Value was "
                            + "of type 'int'. See the API docs for more information about request parameters.",
                    max);
        }
        return max;
    }

    private static void appendIfAbsent(List<OrderBy> order, String key, boolean ascending) {
        if (order.stream().noneMatch(o -> o.field().key().equals(key))) {
            order.add(new OrderBy(new Field(EntityType.ATTRIBUTE, key), ascending));
        }
    }

    /** Validated tags; a key given twice keeps its last value, as MLflow. */
    private static List<RegistryTag> modelTags(List<RegistryTag> tags) {
        return distinctTags(MODEL_TAG, tags);
    }

    private static List<RegistryTag> versionTags(List<RegistryTag> tags) {
        return distinctTags(VERSION_TAG, tags);
    }

    private static List<RegistryTag> distinctTags(String entity, List<RegistryTag> tags) {
        Map<String, RegistryTag> byKey = new LinkedHashMap<>();
        for (RegistryTag tag : tags) {
            byKey.put(tag.key(), RegistryRules.tag(entity, tag.key(), tag.value()));
        }
        return List.copyOf(byKey.values());
    }

    private long now() {
        return clock.millis();
    }
}

package dev.flowline.core.registry;

import dev.flowline.core.Page;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of registered models, their versions, tags and aliases.
 *
 * <p>The {@link ModelRegistryService} validates every input first; a store enforces only what needs its
 * data, with MLflow's codes and messages: a missing model or version is RESOURCE_DOES_NOT_EXIST
 * ({@code Registered Model with name=x not found}, {@code Model Version (name=x, version=n) not found}),
 * a taken name RESOURCE_ALREADY_EXISTS ({@code Registered Model (name=x) already exists.}). Every method is
 * safe to call from many threads and from many servers on one database.
 */
public interface ModelRegistryStore {

    RegisteredModel createRegisteredModel(String name, String description, List<RegistryTag> tags, long now);

    Optional<RegisteredModel> getRegisteredModel(String name);

    RegisteredModel updateRegisteredModel(String name, String description, long now);

    /** Renames the model; its versions, tags and aliases move with it. */
    RegisteredModel renameRegisteredModel(String name, String newName, long now);

    /** Deletes the model with its versions, tags and aliases. */
    void deleteRegisteredModel(String name);

    /** One page of models matching a query over {@code name} and {@code tags.*}. */
    Page<RegisteredModel> searchRegisteredModels(RegistrySearchQuery query);

    /** The highest version of the model in each of the stages (all stages when empty), by ascending version. */
    List<ModelVersion> getLatestVersions(String name, List<ModelStage> stages);

    void setRegisteredModelTag(String name, RegistryTag tag);

    /** Removes the tag; a model without it is left as is. */
    void deleteRegisteredModelTag(String name, String key);

    /**
     * Creates the next version of the model: one more than the highest number ever given to a version of it,
     * never a duplicate, also when many clients create versions of one model at once.
     */
    ModelVersion createModelVersion(NewModelVersion version);

    Optional<ModelVersion> getModelVersion(String name, long version);

    ModelVersion updateModelVersion(String name, long version, String description, long now);

    /**
     * Moves the version to the stage; with {@code archiveExisting}, the model's other versions in that stage
     * move to Archived in the same transaction.
     */
    ModelVersion transitionModelVersionStage(
            String name, long version, ModelStage stage, boolean archiveExisting, long now);

    /** Deletes the version with its tags and the aliases that point at it; its number is not given again. */
    void deleteModelVersion(String name, long version, long now);

    /** One page of versions matching a query over name, version_number, run_id, source_path and {@code tags.*}. */
    Page<ModelVersion> searchModelVersions(RegistrySearchQuery query);

    void setModelVersionTag(String name, long version, RegistryTag tag);

    void deleteModelVersionTag(String name, long version, String key);

    /** Points the alias at the version, replacing where it pointed before in one step. */
    void setRegisteredModelAlias(String name, String alias, long version);

    /** Removes the alias; fails if the model does not exist, not if the alias does not. */
    void deleteRegisteredModelAlias(String name, String alias);

    /** The version the alias points at; empty when the alias or the model does not exist. */
    Optional<ModelVersion> getModelVersionByAlias(String name, String alias);
}

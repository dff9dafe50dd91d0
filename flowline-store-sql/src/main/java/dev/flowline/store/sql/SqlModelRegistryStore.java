package dev.flowline.store.sql;

import dev.flowline.core.Page;
import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.registry.ModelRegistryStore;
import dev.flowline.core.registry.ModelStage;
import dev.flowline.core.registry.ModelVersion;
import dev.flowline.core.registry.ModelVersionStatus;
import dev.flowline.core.registry.NewModelVersion;
import dev.flowline.core.registry.RegisteredModel;
import dev.flowline.core.registry.RegistrySearchQuery;
import dev.flowline.core.registry.RegistryTag;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The model registry on SQLite, PostgreSQL or MySQL/MariaDB (schema V2). */
public final class SqlModelRegistryStore implements ModelRegistryStore {
    private final SqlDatabase db;
    private final RegistrySearch search;

    public SqlModelRegistryStore(SqlDatabase db) {
        this.db = db;
        this.search = new RegistrySearch(db);
    }

    @Override
    public RegisteredModel createRegisteredModel(String name, String description, List<RegistryTag> tags, long now) {
        try {
            return db.write(h -> {
                h.createUpdate(
                                "INSERT INTO registered_models (name, creation_time, last_updated_time, description, last_version)"
                                        + " VALUES (:name, :now, :now, :description, 0)")
                        .bind("name", name)
                        .bind("now", now)
                        .bind("description", description)
                        .execute();
                for (RegistryTag tag : tags) {
                    upsertModelTag(h, name, tag);
                }
                return loadModel(h, name).orElseThrow();
            });
        } catch (UnableToExecuteStatementException e) {
            throw uniqueViolation(e) ? modelExists(name) : e;
        }
    }

    @Override
    public Optional<RegisteredModel> getRegisteredModel(String name) {
        return db.readConsistent(h -> loadModel(h, name));
    }

    @Override
    public RegisteredModel updateRegisteredModel(String name, String description, long now) {
        return db.write(h -> {
            requireUpdated(
                    h.createUpdate("UPDATE registered_models SET description = :description, last_updated_time = :now"
                                    + " WHERE name = :name")
                            .bind("description", description)
                            .bind("now", now)
                            .bind("name", name)
                            .execute(),
                    name);
            return loadModel(h, name).orElseThrow();
        });
    }

    @Override
    public RegisteredModel renameRegisteredModel(String name, String newName, long now) {
        try {
            return db.write(h -> {
                // The new name reaches versions, tags and aliases through ON UPDATE CASCADE.
                requireUpdated(
                        h.createUpdate("UPDATE registered_models SET name = :newName, last_updated_time = :now"
                                        + " WHERE name = :name")
                                .bind("newName", newName)
                                .bind("now", now)
                                .bind("name", name)
                                .execute(),
                        name);
                h.createUpdate("UPDATE model_versions SET last_updated_time = :now WHERE name = :name")
                        .bind("now", now)
                        .bind("name", newName)
                        .execute();
                return loadModel(h, newName).orElseThrow();
            });
        } catch (UnableToExecuteStatementException e) {
            throw uniqueViolation(e) ? modelExists(newName) : e;
        }
    }

    @Override
    public void deleteRegisteredModel(String name) {
        db.write(h -> {
            requireUpdated(
                    h.createUpdate("DELETE FROM registered_models WHERE name = :name")
                            .bind("name", name)
                            .execute(),
                    name);
            return null;
        });
    }

    @Override
    public Page<RegisteredModel> searchRegisteredModels(RegistrySearchQuery query) {
        return search.models(query);
    }

    @Override
    public List<ModelVersion> getLatestVersions(String name, List<ModelStage> stages) {
        return db.readConsistent(h -> {
            requireModel(h, name);
            List<String> names = List.of(name);
            return RegistryRows.latestVersions(h, names, stages, RegistryRows.aliases(h, names))
                    .getOrDefault(name, List.of())
                    .stream()
                    .sorted(Comparator.comparingLong(ModelVersion::version))
                    .toList();
        });
    }

    @Override
    public void setRegisteredModelTag(String name, RegistryTag tag) {
        db.write(h -> {
            requireModel(h, name);
            upsertModelTag(h, name, tag);
            return null;
        });
    }

    @Override
    public void deleteRegisteredModelTag(String name, String key) {
        db.write(h -> {
            requireModel(h, name);
            h.createUpdate("DELETE FROM registered_model_tags WHERE name = :name AND tag_key = :key")
                    .bind("name", name)
                    .bind("key", key)
                    .execute();
            return null;
        });
    }

    @Override
    public ModelVersion createModelVersion(NewModelVersion version) {
        return db.write(h -> {
            // The row lock of this update serialises concurrent creates of the model's versions until commit.
            requireUpdated(
                    h.createUpdate("UPDATE registered_models SET last_version = last_version + 1,"
                                    + " last_updated_time = :now WHERE name = :name")
                            .bind("now", version.now())
                            .bind("name", version.name())
                            .execute(),
                    version.name());
            long number = h.createQuery("SELECT last_version FROM registered_models WHERE name = :name")
                    .bind("name", version.name())
                    .mapTo(Long.class)
                    .one();
            h.createUpdate("INSERT INTO model_versions (name, version, creation_time, last_updated_time, description,"
                            + " current_stage, source, storage_location, run_id, run_link, status)"
                            + " VALUES (:name, :version, :now, :now, :description, :stage, :source, :storage, :runId,"
                            + " :runLink, :status)")
                    .bind("name", version.name())
                    .bind("version", number)
                    .bind("now", version.now())
                    .bind("description", version.description())
                    .bind("stage", ModelStage.NONE.wireName())
                    .bind("source", version.source())
                    .bind("storage", version.storageLocation())
                    .bind("runId", version.runId())
                    .bind("runLink", version.runLink())
                    .bind("status", ModelVersionStatus.READY.name())
                    .execute();
            for (RegistryTag tag : version.tags()) {
                upsertVersionTag(h, version.name(), number, tag);
            }
            return loadVersion(h, version.name(), number).orElseThrow();
        });
    }

    @Override
    public Optional<ModelVersion> getModelVersion(String name, long version) {
        return db.readConsistent(h -> loadVersion(h, name, version));
    }

    @Override
    public ModelVersion updateModelVersion(String name, long version, String description, long now) {
        return db.write(h -> {
            int updated = h.createUpdate(
                            "UPDATE model_versions SET description = :description, last_updated_time = :now"
                                    + " WHERE name = :name AND version = :version")
                    .bind("description", description)
                    .bind("now", now)
                    .bind("name", name)
                    .bind("version", version)
                    .execute();
            if (updated == 0) {
                throw versionNotFound(name, version);
            }
            return loadVersion(h, name, version).orElseThrow();
        });
    }

    @Override
    public ModelVersion transitionModelVersionStage(
            String name, long version, ModelStage stage, boolean archiveExisting, long now) {
        return db.write(h -> {
            requireVersion(h, name, version);
            if (archiveExisting) {
                h.createUpdate("UPDATE model_versions SET current_stage = :archived, last_updated_time = :now"
                                + " WHERE name = :name AND version <> :version AND current_stage = :stage")
                        .bind("archived", ModelStage.ARCHIVED.wireName())
                        .bind("now", now)
                        .bind("name", name)
                        .bind("version", version)
                        .bind("stage", stage.wireName())
                        .execute();
            }
            h.createUpdate("UPDATE model_versions SET current_stage = :stage, last_updated_time = :now"
                            + " WHERE name = :name AND version = :version")
                    .bind("stage", stage.wireName())
                    .bind("now", now)
                    .bind("name", name)
                    .bind("version", version)
                    .execute();
            touchModel(h, name, now);
            return loadVersion(h, name, version).orElseThrow();
        });
    }

    @Override
    public void deleteModelVersion(String name, long version, long now) {
        db.write(h -> {
            // Tags and the aliases pointing here go with the row (ON DELETE CASCADE); last_version keeps the number
            // taken.
            int deleted = h.createUpdate("DELETE FROM model_versions WHERE name = :name AND version = :version")
                    .bind("name", name)
                    .bind("version", version)
                    .execute();
            if (deleted == 0) {
                throw versionNotFound(name, version);
            }
            touchModel(h, name, now);
            return null;
        });
    }

    @Override
    public Page<ModelVersion> searchModelVersions(RegistrySearchQuery query) {
        return search.versions(query);
    }

    @Override
    public void setModelVersionTag(String name, long version, RegistryTag tag) {
        db.write(h -> {
            requireVersion(h, name, version);
            upsertVersionTag(h, name, version, tag);
            return null;
        });
    }

    @Override
    public void deleteModelVersionTag(String name, long version, String key) {
        db.write(h -> {
            requireVersion(h, name, version);
            h.createUpdate(
                            "DELETE FROM model_version_tags WHERE name = :name AND version = :version AND tag_key = :key")
                    .bind("name", name)
                    .bind("version", version)
                    .bind("key", key)
                    .execute();
            return null;
        });
    }

    @Override
    public void setRegisteredModelAlias(String name, String alias, long version) {
        db.write(h -> {
            requireVersion(h, name, version);
            // One upsert statement: readers see the alias at the old version or at the new one, never missing.
            h.createUpdate(db.dialect()
                            .upsert("registered_model_aliases", List.of("name", "alias"), List.of("version")))
                    .bind(0, name)
                    .bind(1, alias)
                    .bind(2, version)
                    .execute();
            return null;
        });
    }

    @Override
    public void deleteRegisteredModelAlias(String name, String alias) {
        db.write(h -> {
            requireModel(h, name);
            h.createUpdate("DELETE FROM registered_model_aliases WHERE name = :name AND alias = :alias")
                    .bind("name", name)
                    .bind("alias", alias)
                    .execute();
            return null;
        });
    }

    @Override
    public Optional<ModelVersion> getModelVersionByAlias(String name, String alias) {
        return db.readConsistent(h -> RegistryRows.versions(
                        h,
                        "JOIN registered_model_aliases a ON a.name = model_versions.name"
                                + " AND a.version = model_versions.version WHERE a.name = :name AND a.alias = :alias",
                        q -> q.bind("name", name).bind("alias", alias))
                .stream()
                .findFirst());
    }

    private static Optional<RegisteredModel> loadModel(Handle h, String name) {
        return RegistryRows.models(h, "WHERE registered_models.name = :name", q -> q.bind("name", name)).stream()
                .findFirst();
    }

    private static Optional<ModelVersion> loadVersion(Handle h, String name, long version) {
        return RegistryRows.versions(
                        h,
                        "WHERE model_versions.name = :name AND model_versions.version = :version",
                        q -> q.bind("name", name).bind("version", version))
                .stream()
                .findFirst();
    }

    private static void requireModel(Handle h, String name) {
        boolean exists = h.createQuery("SELECT COUNT(*) FROM registered_models WHERE name = :name")
                        .bind("name", name)
                        .mapTo(Integer.class)
                        .one()
                > 0;
        if (!exists) {
            throw modelNotFound(name);
        }
    }

    private static void requireVersion(Handle h, String name, long version) {
        boolean exists = h.createQuery("SELECT COUNT(*) FROM model_versions WHERE name = :name AND version = :version")
                        .bind("name", name)
                        .bind("version", version)
                        .mapTo(Integer.class)
                        .one()
                > 0;
        if (!exists) {
            throw versionNotFound(name, version);
        }
    }

    private static void requireUpdated(int rows, String name) {
        if (rows == 0) {
            throw modelNotFound(name);
        }
    }

    private static void touchModel(Handle h, String name, long now) {
        h.createUpdate("UPDATE registered_models SET last_updated_time = :now WHERE name = :name")
                .bind("now", now)
                .bind("name", name)
                .execute();
    }

    private void upsertModelTag(Handle h, String name, RegistryTag tag) {
        h.createUpdate(db.dialect().upsert("registered_model_tags", List.of("name", "tag_key"), List.of("tag_value")))
                .bind(0, name)
                .bind(1, tag.key())
                .bind(2, tag.value())
                .execute();
    }

    private void upsertVersionTag(Handle h, String name, long version, RegistryTag tag) {
        h.createUpdate(db.dialect()
                        .upsert("model_version_tags", List.of("name", "version", "tag_key"), List.of("tag_value")))
                .bind(0, name)
                .bind(1, version)
                .bind(2, tag.key())
                .bind(3, tag.value())
                .execute();
    }

    private boolean uniqueViolation(UnableToExecuteStatementException e) {
        return e.getCause() instanceof SQLException sql && db.dialect().isUniqueViolation(sql);
    }

    private static FlowlineException modelNotFound(String name) {
        return FlowlineException.notFound("Registered Model with name=%s not found", name);
    }

    private static FlowlineException versionNotFound(String name, long version) {
        return FlowlineException.notFound("Model Version (name=%s, version=%d) not found", name, version);
    }

    private static FlowlineException modelExists(String name) {
        return FlowlineException.alreadyExists("Registered Model (name=%s) already exists.", name);
    }
}

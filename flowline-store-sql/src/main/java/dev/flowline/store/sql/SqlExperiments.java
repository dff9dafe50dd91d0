package dev.flowline.store.sql;

import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.tracking.Experiment;
import dev.flowline.core.tracking.ExperimentTag;
import dev.flowline.core.tracking.LifecycleStage;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Experiments and their tags. */
final class SqlExperiments {
    static final String DEFAULT_ID = "0";
    static final String DEFAULT_NAME = "Default";
    private static final String COLUMNS =
            "experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time";

    private final SqlDatabase db;

    SqlExperiments(SqlDatabase db) {
        this.db = db;
    }

    void ensureDefault(UnaryOperator<String> defaultLocation, long now) {
        try {
            db.write(h -> {
                boolean exists = h.createQuery("SELECT COUNT(*) FROM experiments WHERE experiment_id = 0")
                                .mapTo(Integer.class)
                                .one()
                        > 0;
                if (!exists) {
                    h.createUpdate("INSERT INTO experiments (" + COLUMNS
                                    + ") VALUES (0, :name, :location, :stage, :now, :now)")
                            .bind("name", DEFAULT_NAME)
                            .bind("location", defaultLocation.apply(DEFAULT_ID))
                            .bind("stage", LifecycleStage.ACTIVE.wireName())
                            .bind("now", now)
                            .execute();
                }
                return null;
            });
        } catch (UnableToExecuteStatementException e) {
            // Another server created it at the same moment.
            if (!isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    String create(
            String name,
            String artifactLocation,
            UnaryOperator<String> defaultLocation,
            List<ExperimentTag> tags,
            long now) {
        try {
            return db.write(h -> {
                long id = h.createUpdate(
                                "INSERT INTO experiments (name, artifact_location, lifecycle_stage, creation_time, last_update_time)"
                                        + " VALUES (:name, :location, :stage, :now, :now)")
                        .bind("name", name)
                        .bind("location", artifactLocation)
                        .bind("stage", LifecycleStage.ACTIVE.wireName())
                        .bind("now", now)
                        .executeAndReturnGeneratedKeys("experiment_id")
                        .mapTo(Long.class)
                        .one();
                String experimentId = Long.toString(id);
                if (artifactLocation == null || artifactLocation.isEmpty()) {
                    h.createUpdate("UPDATE experiments SET artifact_location = :location WHERE experiment_id = :id")
                            .bind("location", defaultLocation.apply(experimentId))
                            .bind("id", id)
                            .execute();
                }
                for (ExperimentTag tag : tags) {
                    upsertTag(h, id, tag);
                }
                return experimentId;
            });
        } catch (UnableToExecuteStatementException e) {
            if (isUniqueViolation(e)) {
                throw FlowlineException.alreadyExists("Experiment(name=%s) already exists.", name);
            }
            throw e;
        }
    }

    Optional<Experiment> get(String experimentId) {
        OptionalLong id = parseId(experimentId);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        return db.read(h -> load(h, "experiment_id = :key", q -> q.bind("key", id.getAsLong()))).stream()
                .findFirst();
    }

    Optional<Experiment> getByName(String name) {
        return db.read(h -> load(h, "name = :key", q -> q.bind("key", name))).stream()
                .findFirst();
    }

    void delete(String experimentId, long now) {
        long id = requireId(experimentId);
        db.write(h -> {
            requireExists(h, id, experimentId);
            h.createUpdate(
                            "UPDATE experiments SET lifecycle_stage = :deleted, last_update_time = :now WHERE experiment_id = :id")
                    .bind("deleted", LifecycleStage.DELETED.wireName())
                    .bind("now", now)
                    .bind("id", id)
                    .execute();
            h.createUpdate("UPDATE runs SET lifecycle_stage = :deleted, deleted_time = :now"
                            + " WHERE experiment_id = :id AND lifecycle_stage = :active")
                    .bind("deleted", LifecycleStage.DELETED.wireName())
                    .bind("active", LifecycleStage.ACTIVE.wireName())
                    .bind("now", now)
                    .bind("id", id)
                    .execute();
            return null;
        });
    }

    void restore(String experimentId, long now) {
        long id = requireId(experimentId);
        db.write(h -> {
            requireExists(h, id, experimentId);
            Long deletedAt = h.createQuery("SELECT last_update_time FROM experiments WHERE experiment_id = :id")
                    .bind("id", id)
                    .mapTo(Long.class)
                    .one();
            h.createUpdate(
                            "UPDATE experiments SET lifecycle_stage = :active, last_update_time = :now WHERE experiment_id = :id")
                    .bind("active", LifecycleStage.ACTIVE.wireName())
                    .bind("now", now)
                    .bind("id", id)
                    .execute();
            // Only the runs deleted together with the experiment come back, not those deleted before it.
            h.createUpdate(
                            "UPDATE runs SET lifecycle_stage = :active, deleted_time = NULL"
                                    + " WHERE experiment_id = :id AND lifecycle_stage = :deleted AND deleted_time >= :deletedAt")
                    .bind("deleted", LifecycleStage.DELETED.wireName())
                    .bind("active", LifecycleStage.ACTIVE.wireName())
                    .bind("deletedAt", deletedAt == null ? Long.MIN_VALUE : deletedAt)
                    .bind("id", id)
                    .execute();
            return null;
        });
    }

    void rename(String experimentId, String newName, long now) {
        long id = requireId(experimentId);
        try {
            db.write(h -> {
                requireExists(h, id, experimentId);
                return h.createUpdate(
                                "UPDATE experiments SET name = :name, last_update_time = :now WHERE experiment_id = :id")
                        .bind("name", newName)
                        .bind("now", now)
                        .bind("id", id)
                        .execute();
            });
        } catch (UnableToExecuteStatementException e) {
            if (isUniqueViolation(e)) {
                throw FlowlineException.alreadyExists("Experiment(name=%s) already exists.", newName);
            }
            throw e;
        }
    }

    void setTag(String experimentId, ExperimentTag tag) {
        long id = requireId(experimentId);
        db.write(h -> {
            requireExists(h, id, experimentId);
            upsertTag(h, id, tag);
            return null;
        });
    }

    void deleteTag(String experimentId, String key) {
        long id = requireId(experimentId);
        db.write(h -> {
            requireExists(h, id, experimentId);
            int deleted = h.createUpdate("DELETE FROM experiment_tags WHERE experiment_id = :id AND name = :key")
                    .bind("id", id)
                    .bind("key", key)
                    .execute();
            if (deleted == 0) {
                throw FlowlineException.notFound("No tag with name: %s in experiment with id %s", key, experimentId);
            }
            return null;
        });
    }

    /** Experiments matching a WHERE clause, with their tags, in the clause's order. */
    List<Experiment> load(Handle h, String where, java.util.function.Consumer<Query> binder) {
        Query query = h.createQuery("SELECT " + COLUMNS + " FROM experiments WHERE " + where);
        binder.accept(query);
        List<Experiment> rows = query.map((rs, ctx) -> new Experiment(
                        Long.toString(rs.getLong("experiment_id")),
                        rs.getString("name"),
                        rs.getString("artifact_location"),
                        LifecycleStage.fromWireName(rs.getString("lifecycle_stage")),
                        rs.getLong("creation_time"),
                        rs.getLong("last_update_time"),
                        List.of()))
                .list();
        return withTags(h, rows);
    }

    /** The experiments with their tags filled in by one query. */
    List<Experiment> withTags(Handle h, List<Experiment> experiments) {
        if (experiments.isEmpty()) {
            return experiments;
        }
        Map<String, List<ExperimentTag>> tags = new HashMap<>();
        List<Long> ids =
                experiments.stream().map(e -> Long.parseLong(e.experimentId())).toList();
        Sql.chunked(
                ids,
                chunk -> h.createQuery("SELECT experiment_id, name, value FROM experiment_tags WHERE experiment_id IN ("
                                + Sql.names("id", chunk.size()) + ")")
                        .bindMap(Sql.binds("id", chunk))
                        .map((rs, ctx) -> Map.entry(
                                Long.toString(rs.getLong("experiment_id")),
                                new ExperimentTag(rs.getString("name"), rs.getString("value"))))
                        .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                .add(e.getValue())));
        return experiments.stream()
                .map(e -> new Experiment(
                        e.experimentId(),
                        e.name(),
                        e.artifactLocation(),
                        e.lifecycleStage(),
                        e.creationTime(),
                        e.lastUpdateTime(),
                        tags.getOrDefault(e.experimentId(), List.of())))
                .toList();
    }

    private void upsertTag(Handle h, long id, ExperimentTag tag) {
        h.execute(
                db.dialect().upsert("experiment_tags", List.of("experiment_id", "name"), List.of("value")),
                id,
                tag.key(),
                tag.value());
    }

    private static void requireExists(Handle h, long id, String experimentId) {
        boolean exists = h.createQuery("SELECT COUNT(*) FROM experiments WHERE experiment_id = :id")
                        .bind("id", id)
                        .mapTo(Integer.class)
                        .one()
                > 0;
        if (!exists) {
            throw notFound(experimentId);
        }
    }

    static FlowlineException notFound(String experimentId) {
        return FlowlineException.notFound("No Experiment with id=%s exists", experimentId);
    }

    static OptionalLong parseId(String experimentId) {
        if (experimentId == null
                || experimentId.isEmpty()
                || experimentId.length() > 18
                || !experimentId.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(experimentId));
    }

    /** The numeric ids among the given ones, each once; an id that is not a number names no experiment. */
    static List<Long> parseIds(List<String> experimentIds) {
        return experimentIds.stream()
                .map(SqlExperiments::parseId)
                .filter(OptionalLong::isPresent)
                .map(OptionalLong::getAsLong)
                .distinct()
                .toList();
    }

    private static long requireId(String experimentId) {
        return parseId(experimentId).orElseThrow(() -> notFound(experimentId));
    }

    private boolean isUniqueViolation(UnableToExecuteStatementException e) {
        return e.getCause() instanceof SQLException sql && db.dialect().isUniqueViolation(sql);
    }
}

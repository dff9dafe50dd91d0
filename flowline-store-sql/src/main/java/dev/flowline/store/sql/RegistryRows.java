package dev.flowline.store.sql;

import dev.flowline.core.registry.ModelAlias;
import dev.flowline.core.registry.ModelStage;
import dev.flowline.core.registry.ModelVersion;
import dev.flowline.core.registry.ModelVersionStatus;
import dev.flowline.core.registry.RegisteredModel;
import dev.flowline.core.registry.RegistryTag;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Reads registry rows into records, a page at a time: the rows first, then the tags, aliases and latest
 * versions of just those models in a few set-based queries.
 */
final class RegistryRows {
    static final String VERSION_COLUMNS = "model_versions.name, model_versions.version, model_versions.creation_time, "
            + "model_versions.last_updated_time, model_versions.description, model_versions.user_id, "
            + "model_versions.current_stage, model_versions.source, model_versions.storage_location, "
            + "model_versions.run_id, model_versions.run_link, model_versions.status, model_versions.status_message";
    static final String MODEL_COLUMNS = "registered_models.name, registered_models.creation_time, "
            + "registered_models.last_updated_time, registered_models.description";

    private RegistryRows() {}

    /** The models selected by {@code SELECT MODEL_COLUMNS FROM registered_models <rest>}, complete. */
    static List<RegisteredModel> models(Handle h, String rest, Consumer<org.jdbi.v3.core.statement.Query> binder) {
        var query = h.createQuery("SELECT " + MODEL_COLUMNS + " FROM registered_models " + rest);
        binder.accept(query);
        List<ModelRow> rows = query.map(
                        (rs, ctx) -> new ModelRow(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4)))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> names = rows.stream().map(ModelRow::name).toList();
        Map<String, List<RegistryTag>> tags = modelTags(h, names);
        Map<String, List<ModelAlias>> aliases = aliases(h, names);
        Map<String, List<ModelVersion>> latest = latestVersions(h, names, List.of(), aliases);
        return rows.stream()
                .map(r -> new RegisteredModel(
                        r.name(),
                        r.creationTime(),
                        r.lastUpdatedTime(),
                        r.description(),
                        latest.getOrDefault(r.name(), List.of()),
                        tags.getOrDefault(r.name(), List.of()),
                        aliases.getOrDefault(r.name(), List.of())))
                .toList();
    }

    /** The versions selected by {@code SELECT VERSION_COLUMNS FROM model_versions <rest>}, complete. */
    static List<ModelVersion> versions(Handle h, String rest, Consumer<org.jdbi.v3.core.statement.Query> binder) {
        var query = h.createQuery("SELECT " + VERSION_COLUMNS + " FROM model_versions " + rest);
        binder.accept(query);
        List<ModelVersion> bare = query.map((rs, ctx) -> version(rs)).list();
        if (bare.isEmpty()) {
            return List.of();
        }
        List<String> names = Sql.distinct(bare.stream().map(ModelVersion::name).toList());
        return complete(bare, versionTags(h, names), aliases(h, names));
    }

    /** The highest version in each stage of each model (only the given stages unless empty), by ascending version. */
    static Map<String, List<ModelVersion>> latestVersions(
            Handle h, List<String> names, List<ModelStage> stages, Map<String, List<ModelAlias>> aliases) {
        Map<String, List<ModelVersion>> result = new HashMap<>();
        Sql.chunked(names, chunk -> {
            String stageFilter = stages.isEmpty()
                    ? ""
                    : " AND model_versions.current_stage IN (" + Sql.names("s", stages.size()) + ")";
            // A correlated MAX per row keeps one plan that probes model_versions_stage_idx, also as a generic
            // prepared plan; a join on a grouped subquery made PostgreSQL's generic plan scan the whole table.
            var query = h.createQuery(
                            "SELECT " + VERSION_COLUMNS + " FROM model_versions WHERE model_versions.name IN ("
                                    + Sql.names("n", chunk.size()) + ")" + stageFilter
                                    + " AND model_versions.version = (SELECT MAX(m.version) FROM model_versions m"
                                    + " WHERE m.name = model_versions.name AND m.current_stage = model_versions.current_stage)"
                                    + " ORDER BY model_versions.name, model_versions.version")
                    .bindMap(Sql.binds("n", chunk))
                    .bindMap(Sql.binds(
                            "s", stages.stream().map(ModelStage::wireName).toList()));
            List<ModelVersion> bare = query.map((rs, ctx) -> version(rs)).list();
            for (ModelVersion v : complete(bare, versionTags(h, chunk), aliases)) {
                result.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(v);
            }
        });
        return result;
    }

    static Map<String, List<ModelAlias>> aliases(Handle h, List<String> names) {
        return grouped(
                h,
                "SELECT name, alias, version FROM registered_model_aliases",
                "name, alias",
                names,
                (rs, ctx) -> Map.entry(rs.getString(1), new ModelAlias(rs.getString(2), rs.getLong(3))));
    }

    private static Map<String, List<RegistryTag>> modelTags(Handle h, List<String> names) {
        return grouped(
                h,
                "SELECT name, tag_key, tag_value FROM registered_model_tags",
                "name, tag_key",
                names,
                (rs, ctx) -> Map.entry(rs.getString(1), new RegistryTag(rs.getString(2), rs.getString(3))));
    }

    /** Tags of every version of the models, keyed by {@code name + '\0' + version}. */
    private static Map<String, List<RegistryTag>> versionTags(Handle h, List<String> names) {
        return grouped(
                h,
                "SELECT name, version, tag_key, tag_value FROM model_version_tags",
                "name, version, tag_key",
                names,
                (rs, ctx) -> Map.entry(
                        key(rs.getString(1), rs.getLong(2)), new RegistryTag(rs.getString(3), rs.getString(4))));
    }

    /** Rows of {@code select} for the models, grouped by the key the mapper gives each row. */
    private static <V> Map<String, List<V>> grouped(
            Handle h, String select, String order, List<String> names, RowMapper<Map.Entry<String, V>> mapper) {
        Map<String, List<V>> result = new HashMap<>();
        Sql.chunked(
                names,
                chunk -> h.createQuery(
                                select + " WHERE name IN (" + Sql.names("n", chunk.size()) + ") ORDER BY " + order)
                        .bindMap(Sql.binds("n", chunk))
                        .map(mapper)
                        .forEach(e -> result.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                .add(e.getValue())));
        return result;
    }

    private static List<ModelVersion> complete(
            List<ModelVersion> bare, Map<String, List<RegistryTag>> tags, Map<String, List<ModelAlias>> aliases) {
        List<ModelVersion> result = new ArrayList<>(bare.size());
        for (ModelVersion v : bare) {
            List<String> versionAliases = aliases.getOrDefault(v.name(), List.of()).stream()
                    .filter(a -> a.version() == v.version())
                    .map(ModelAlias::alias)
                    .toList();
            result.add(new ModelVersion(
                    v.name(),
                    v.version(),
                    v.creationTimestamp(),
                    v.lastUpdatedTimestamp(),
                    v.userId(),
                    v.currentStage(),
                    v.description(),
                    v.source(),
                    v.storageLocation(),
                    v.runId(),
                    v.status(),
                    v.statusMessage(),
                    tags.getOrDefault(key(v.name(), v.version()), List.of()),
                    v.runLink(),
                    versionAliases));
        }
        return result;
    }

    private static ModelVersion version(ResultSet rs) throws SQLException {
        return new ModelVersion(
                rs.getString(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                rs.getString(6),
                ModelStage.parse(rs.getString(7)),
                rs.getString(5),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                ModelVersionStatus.valueOf(rs.getString(12)),
                rs.getString(13),
                List.of(),
                rs.getString(11),
                List.of());
    }

    private static String key(String name, long version) {
        return name + '\0' + version;
    }

    private record ModelRow(String name, long creationTime, long lastUpdatedTime, String description) {}
}

package dev.flowline.store.sql;

import dev.flowline.core.tracking.Dataset;
import dev.flowline.core.tracking.DatasetInput;
import dev.flowline.core.tracking.InputTag;
import dev.flowline.core.tracking.Metric;
import dev.flowline.core.tracking.Param;
import dev.flowline.core.tracking.Run;
import dev.flowline.core.tracking.RunData;
import dev.flowline.core.tracking.RunInfo;
import dev.flowline.core.tracking.RunTag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Fills in what was logged to a set of runs with one query per kind of data (params, tags, latest metrics,
 * inputs), never a join across them.
 */
final class RunDataLoader {

    List<Run> load(Handle h, List<RunInfo> infos) {
        if (infos.isEmpty()) {
            return List.of();
        }
        List<String> ids = infos.stream().map(RunInfo::runId).toList();
        Map<String, List<Param>> params = byRun(
                h,
                ids,
                "SELECT run_id, name, value FROM params WHERE run_id IN (%s) ORDER BY run_id, name",
                (rs, ctx) -> new Param(rs.getString("name"), rs.getString("value")));
        Map<String, List<RunTag>> tags = byRun(
                h,
                ids,
                "SELECT run_id, name, value FROM tags WHERE run_id IN (%s) ORDER BY run_id, name",
                (rs, ctx) -> new RunTag(rs.getString("name"), rs.getString("value")));
        Map<String, List<Metric>> metrics = byRun(
                h,
                ids,
                "SELECT run_id, name, value, value_kind, timestamp_ms, step FROM latest_metrics WHERE run_id IN (%s)"
                        + " ORDER BY run_id, name",
                (rs, ctx) -> MetricValues.read(rs));
        Map<String, List<DatasetInput>> inputs = inputs(h, ids);
        List<Run> runs = new ArrayList<>(infos.size());
        for (RunInfo info : infos) {
            String id = info.runId();
            runs.add(new Run(
                    info,
                    new RunData(
                            metrics.getOrDefault(id, List.of()),
                            params.getOrDefault(id, List.of()),
                            tags.getOrDefault(id, List.of())),
                    inputs.getOrDefault(id, List.of())));
        }
        return runs;
    }

    private static <T> Map<String, List<T>> byRun(Handle h, List<String> ids, String sql, RowMapper<T> mapper) {
        Map<String, List<T>> result = new HashMap<>();
        Sql.chunked(
                ids,
                chunk -> h.createQuery(sql.formatted(Sql.names("r", chunk.size())))
                        .bindMap(Sql.binds("r", chunk))
                        .map((rs, ctx) -> Map.entry(rs.getString("run_id"), mapper.map(rs, ctx)))
                        .forEach(e -> result.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                .add(e.getValue())));
        return result;
    }

    private record InputRow(String runId, String inputId, Dataset dataset) {}

    private static Map<String, List<DatasetInput>> inputs(Handle h, List<String> ids) {
        List<InputRow> rows = new ArrayList<>();
        Sql.chunked(
                ids,
                chunk -> rows.addAll(h.createQuery(
                                "SELECT i.run_id, i.input_id, d.name, d.digest, d.source_type, d.source, d.dataset_schema,"
                                        + " d.dataset_profile FROM inputs i JOIN datasets d ON d.dataset_id = i.dataset_id"
                                        + " WHERE i.run_id IN (" + Sql.names("r", chunk.size())
                                        + ") ORDER BY i.run_id, d.name, d.digest")
                        .bindMap(Sql.binds("r", chunk))
                        .map((rs, ctx) -> new InputRow(
                                rs.getString("run_id"),
                                rs.getString("input_id"),
                                new Dataset(
                                        rs.getString("name"),
                                        rs.getString("digest"),
                                        rs.getString("source_type"),
                                        rs.getString("source"),
                                        rs.getString("dataset_schema"),
                                        rs.getString("dataset_profile"))))
                        .list()));
        if (rows.isEmpty()) {
            return Map.of();
        }
        Map<String, List<InputTag>> tags = new HashMap<>();
        List<String> inputIds = rows.stream().map(InputRow::inputId).toList();
        Sql.chunked(
                inputIds,
                chunk -> h.createQuery("SELECT input_id, name, value FROM input_tags WHERE input_id IN ("
                                + Sql.names("i", chunk.size()) + ") ORDER BY input_id, name")
                        .bindMap(Sql.binds("i", chunk))
                        .map((rs, ctx) -> Map.entry(
                                rs.getString("input_id"), new InputTag(rs.getString("name"), rs.getString("value"))))
                        .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                                .add(e.getValue())));
        Map<String, List<DatasetInput>> result = new LinkedHashMap<>();
        for (InputRow row : rows) {
            result.computeIfAbsent(row.runId(), k -> new ArrayList<>())
                    .add(new DatasetInput(tags.getOrDefault(row.inputId(), List.of()), row.dataset()));
        }
        return result;
    }
}

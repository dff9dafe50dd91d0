package dev.flowline.store.sql;

import dev.flowline.core.Page;
import dev.flowline.core.search.ExperimentSearchQuery;
import dev.flowline.core.search.RunSearchQuery;
import dev.flowline.core.tracking.DatasetInput;
import dev.flowline.core.tracking.DatasetSummary;
import dev.flowline.core.tracking.Experiment;
import dev.flowline.core.tracking.ExperimentTag;
import dev.flowline.core.tracking.Metric;
import dev.flowline.core.tracking.MetricWithRunId;
import dev.flowline.core.tracking.NewRun;
import dev.flowline.core.tracking.Param;
import dev.flowline.core.tracking.Run;
import dev.flowline.core.tracking.RunInfo;
import dev.flowline.core.tracking.RunTag;
import dev.flowline.core.tracking.RunUpdate;
import dev.flowline.core.tracking.TrackingStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/** The tracking store on a SQL database; each concern lives in its own class, this one only delegates. */
public final class SqlTrackingStore implements TrackingStore {
    private final SqlDatabase db;
    private final SqlExperiments experiments;
    private final ExperimentSearch experimentSearch;
    private final SqlRuns runs;
    private final RunWriter writer;
    private final MetricHistory history;
    private final RunSearch runSearch;

    public SqlTrackingStore(SqlDatabase db) {
        this.db = db;
        RunDataLoader loader = new RunDataLoader(db.dialect());
        this.experiments = new SqlExperiments(db);
        this.experimentSearch = new ExperimentSearch(db, experiments);
        this.runs = new SqlRuns(db, loader);
        this.writer = new RunWriter(db);
        this.history = new MetricHistory(db);
        this.runSearch = new RunSearch(db, loader);
    }

    @Override
    public void ensureDefaultExperiment(UnaryOperator<String> defaultLocation, long now) {
        experiments.ensureDefault(defaultLocation, now);
    }

    @Override
    public String createExperiment(
            String name,
            String artifactLocation,
            UnaryOperator<String> defaultLocation,
            List<ExperimentTag> tags,
            long now) {
        return experiments.create(name, artifactLocation, defaultLocation, tags, now);
    }

    @Override
    public Optional<Experiment> getExperiment(String experimentId) {
        return experiments.get(experimentId);
    }

    @Override
    public Optional<Experiment> getExperimentByName(String name) {
        return experiments.getByName(name);
    }

    @Override
    public Page<Experiment> searchExperiments(ExperimentSearchQuery query) {
        return experimentSearch.search(query);
    }

    @Override
    public void deleteExperiment(String experimentId, long now) {
        experiments.delete(experimentId, now);
    }

    @Override
    public void restoreExperiment(String experimentId, long now) {
        experiments.restore(experimentId, now);
    }

    @Override
    public void renameExperiment(String experimentId, String newName, long now) {
        experiments.rename(experimentId, newName, now);
    }

    @Override
    public void setExperimentTag(String experimentId, ExperimentTag tag) {
        experiments.setTag(experimentId, tag);
    }

    @Override
    public void deleteExperimentTag(String experimentId, String key) {
        experiments.deleteTag(experimentId, key);
    }

    @Override
    public Run createRun(NewRun run, UnaryOperator<String> artifactUriForExperiment) {
        return runs.create(run, artifactUriForExperiment);
    }

    @Override
    public Optional<Run> getRun(String runId) {
        return runs.get(runId);
    }

    @Override
    public Optional<RunInfo> getRunInfo(String runId) {
        return runs.info(runId);
    }

    @Override
    public RunInfo updateRun(String runId, RunUpdate update) {
        return runs.update(runId, update);
    }

    @Override
    public void deleteRun(String runId, long now) {
        runs.delete(runId, now);
    }

    @Override
    public void restoreRun(String runId) {
        runs.restore(runId);
    }

    @Override
    public void logBatch(String runId, List<Metric> metrics, List<Param> params, List<RunTag> tags) {
        writer.logBatch(runId, metrics, params, tags);
    }

    @Override
    public void deleteTag(String runId, String key) {
        runs.deleteTag(runId, key);
    }

    @Override
    public void logInputs(String runId, List<DatasetInput> inputs) {
        writer.logInputs(runId, inputs);
    }

    @Override
    public Page<Metric> getMetricHistory(String runId, String key, int maxResults, Optional<String> pageToken) {
        return history.history(runId, key, maxResults, pageToken);
    }

    @Override
    public List<MetricWithRunId> getMetricHistoryBulk(List<String> runIds, String key, int maxResults) {
        return history.bulk(runIds, key, maxResults);
    }

    @Override
    public Map<String, List<Metric>> getMetricHistoryBulkInterval(
            List<String> runIds, String key, Long startStep, Long endStep, int maxResults) {
        return history.bulkInterval(runIds, key, startStep, endStep, maxResults);
    }

    @Override
    public Page<Run> searchRuns(RunSearchQuery query) {
        return runSearch.search(query);
    }

    @Override
    public List<DatasetSummary> searchDatasets(List<String> experimentIds) {
        List<Long> ids = experimentIds.stream()
                .map(SqlExperiments::parseId)
                .filter(OptionalLong::isPresent)
                .map(OptionalLong::getAsLong)
                .distinct()
                .toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return db.read(h -> h.createQuery("SELECT DISTINCT d.experiment_id, d.name, d.digest, t.value AS context"
                        + " FROM datasets d JOIN inputs i ON i.dataset_id = d.dataset_id"
                        + " LEFT JOIN input_tags t ON t.input_id = i.input_id AND t.name = :contextTag"
                        + " WHERE d.experiment_id IN (" + Sql.names("e", ids.size()) + ")"
                        + " ORDER BY d.experiment_id, d.name, d.digest")
                .bind("contextTag", "mlflow.data.context")
                .bindMap(Sql.binds("e", ids))
                .map((rs, ctx) -> new DatasetSummary(
                        Long.toString(rs.getLong("experiment_id")),
                        rs.getString("name"),
                        rs.getString("digest"),
                        rs.getString("context")))
                .list());
    }
}

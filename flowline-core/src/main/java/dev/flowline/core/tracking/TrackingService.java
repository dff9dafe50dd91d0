package dev.flowline.core.tracking;

import dev.flowline.core.Page;
import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.search.ExperimentSearchQuery;
import dev.flowline.core.search.RunSearchQuery;
import dev.flowline.core.search.SearchParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Experiments, runs and what is logged to them, with every MLflow rule checked once, here, before the
 * {@link TrackingStore} is asked (the store checks only what needs its data: existence, uniqueness,
 * param immutability).
 */
public final class TrackingService {
    static final String RUN_NAME_TAG = "mlflow.runName";

    private final TrackingStore store;
    private final Clock clock;
    private final UnaryOperator<String> defaultArtifactLocation;
    private final UnaryOperator<String> checkArtifactLocation;
    private final RunStates states;

    /**
     * @param defaultArtifactLocation maps a new experiment's id to its artifact location
     * @param checkArtifactLocation   checks an artifact location a client asked for and returns the one to store
     */
    public TrackingService(
            TrackingStore store,
            Clock clock,
            UnaryOperator<String> defaultArtifactLocation,
            UnaryOperator<String> checkArtifactLocation) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.defaultArtifactLocation = Objects.requireNonNull(defaultArtifactLocation, "defaultArtifactLocation");
        this.checkArtifactLocation = Objects.requireNonNull(checkArtifactLocation, "checkArtifactLocation");
        this.states = new RunStates(store);
    }

    /** A service that stores requested artifact locations as given. */
    public TrackingService(TrackingStore store, Clock clock, UnaryOperator<String> defaultArtifactLocation) {
        this(store, clock, defaultArtifactLocation, UnaryOperator.identity());
    }

    /** Creates the default experiment "0" unless it exists; called once at startup. */
    public void ensureDefaultExperiment() {
        store.ensureDefaultExperiment(defaultArtifactLocation, now());
    }

    // Experiments

    /**
     * Creates an active experiment and returns its id.
     *
     * @param artifactLocation null or empty for the default location of the new id
     */
    public String createExperiment(String name, String artifactLocation, List<ExperimentTag> tags) {
        TrackingValidator.checkExperimentName(name);
        tags.forEach(TrackingValidator::checkExperimentTag);
        String location = artifactLocation == null || artifactLocation.isEmpty()
                ? null
                : checkArtifactLocation.apply(artifactLocation);
        return store.createExperiment(name, location, defaultArtifactLocation, tags, now());
    }

    /** The experiment, active or deleted; RESOURCE_DOES_NOT_EXIST when there is none. */
    public Experiment getExperiment(String experimentId) {
        return states.experiment(experimentId);
    }

    /** The experiment with that name; RESOURCE_DOES_NOT_EXIST when there is none. */
    public Experiment getExperimentByName(String name) {
        return store.getExperimentByName(name)
                .orElseThrow(() -> FlowlineException.notFound("Could not find experiment with name '%s'", name));
    }

    /**
     * One page of experiments; null arguments take MLflow's defaults (no filter, active only, 1000 results).
     */
    public Page<Experiment> searchExperiments(
            String filter, List<String> orderBy, ViewType viewType, Integer maxResults, String pageToken) {
        ExperimentSearchQuery query = new ExperimentSearchQuery(
                SearchParser.parseExperimentFilter(filter == null ? "" : filter),
                SearchParser.parseExperimentOrderBy(orderBy),
                viewType == null ? ViewType.ACTIVE_ONLY : viewType,
                SearchLimits.experimentsMaxResults(maxResults),
                nonEmpty(pageToken));
        return store.searchExperiments(query);
    }

    /** Marks an active experiment and its runs deleted; a deleted one is RESOURCE_DOES_NOT_EXIST, as in MLflow. */
    public void deleteExperiment(String experimentId) {
        states.experimentIn(experimentId, LifecycleStage.ACTIVE);
        store.deleteExperiment(experimentId, now());
    }

    /** Makes a deleted experiment and the runs deleted with it active again; an active one is RESOURCE_DOES_NOT_EXIST. */
    public void restoreExperiment(String experimentId) {
        states.experimentIn(experimentId, LifecycleStage.DELETED);
        store.restoreExperiment(experimentId, now());
    }

    /** Renames an active experiment; the new name must be free. A deleted one is INVALID_STATE, as in MLflow. */
    public void renameExperiment(String experimentId, String newName) {
        TrackingValidator.checkExperimentName(newName);
        if (states.experiment(experimentId).lifecycleStage() != LifecycleStage.ACTIVE) {
            throw new FlowlineException(ErrorCode.INVALID_STATE, "Cannot rename a non-active experiment.");
        }
        store.renameExperiment(experimentId, newName, now());
    }

    /** Sets a tag on an active experiment, replacing its value if the key exists. */
    public void setExperimentTag(String experimentId, ExperimentTag tag) {
        TrackingValidator.checkExperimentTag(tag);
        states.activeExperiment(experimentId);
        store.setExperimentTag(experimentId, tag);
    }

    /** Removes a tag from an active experiment. */
    public void deleteExperimentTag(String experimentId, String key) {
        TrackingValidator.checkTagKey(key);
        states.activeExperiment(experimentId);
        store.deleteExperimentTag(experimentId, key);
    }

    // Runs

    /**
     * Creates a run; a missing name is taken from the {@code mlflow.runName} tag or made up, and the tag is
     * set to the name.
     *
     * @param experimentId null or empty for the default experiment
     * @param startTime    null for now
     */
    public Run createRun(String experimentId, String userId, String runName, Long startTime, List<RunTag> tags) {
        String experiment = experimentId == null || experimentId.isEmpty() ? "0" : experimentId;
        List<RunTag> checkedTags = new ArrayList<>(tags.size() + 1);
        for (int i = 0; i < tags.size(); i++) {
            checkedTags.add(TrackingValidator.checkTag("tags[" + i + "]", tags.get(i)));
        }
        Optional<String> nameTag = checkedTags.stream()
                .filter(t -> t.key().equals(RUN_NAME_TAG))
                .map(RunTag::value)
                // An empty tag names nothing, as in MLflow, where it is falsy.
                .filter(value -> value != null && !value.isEmpty())
                .findFirst();
        String name = runName == null || runName.isEmpty() ? null : runName;
        if (name != null && nameTag.isPresent() && !name.equals(nameTag.get())) {
            throw FlowlineException.invalidParameter(
                    "Both 'run_name' argument and 'mlflow.runName' tag are specified, but"
                            + " with different values (run_name='%s', mlflow.runName='%s').",
                    name, nameTag.get());
        }
        name = name != null ? name : nameTag.orElseGet(RunNames::random);
        if (nameTag.isEmpty()) {
            checkedTags.removeIf(t -> t.key().equals(RUN_NAME_TAG));
            checkedTags.add(new RunTag(RUN_NAME_TAG, name));
        }
        // The store checks that the experiment exists and is active in the transaction that creates the run.
        String runId = RunIds.next();
        NewRun run = new NewRun(
                runId,
                experiment,
                userId == null ? "" : userId,
                name,
                startTime == null ? now() : startTime,
                checkedTags);
        return store.createRun(run, location -> stripTrailingSlash(location) + "/" + runId + "/artifacts");
    }

    /** The run with its params, tags, latest metric values and dataset inputs. */
    public Run getRun(String runId) {
        return states.run(runId);
    }

    /** Changes status, end time and name; null leaves a field as it is. */
    public RunInfo updateRun(String runId, RunStatus status, Long endTime, String runName) {
        states.activeRun(runId);
        return store.updateRun(
                runId, new RunUpdate(status, endTime, runName == null || runName.isEmpty() ? null : runName));
    }

    /** Marks the run deleted; it takes no logging until restored. */
    public void deleteRun(String runId) {
        store.deleteRun(runId, now());
    }

    /** Makes a deleted run active again. */
    public void restoreRun(String runId) {
        store.restoreRun(runId);
    }

    /**
     * One page of runs of the experiments; {@code filter} and {@code orderBy} use MLflow's grammar plus
     * {@code OR} and parentheses; null arguments take MLflow's defaults.
     */
    public Page<Run> searchRuns(
            List<String> experimentIds,
            String filter,
            ViewType viewType,
            Integer maxResults,
            List<String> orderBy,
            String pageToken) {
        RunSearchQuery query = new RunSearchQuery(
                experimentIds,
                SearchParser.parseRunFilter(filter == null ? "" : filter),
                SearchParser.parseRunOrderBy(orderBy),
                viewType == null ? ViewType.ACTIVE_ONLY : viewType,
                SearchLimits.runsMaxResults(maxResults),
                nonEmpty(pageToken));
        return store.searchRuns(query);
    }

    // The logging calls leave the run's existence and stage to the store, which checks them in the transaction
    // that writes: one database round trip per call instead of two.

    /** Logs one metric point to an active run. */
    public void logMetric(String runId, Metric metric) {
        TrackingValidator.checkMetric("", metric);
        store.logBatch(runId, List.of(metric), List.of(), List.of());
    }

    /** Logs a param to an active run; a param keeps its first value. */
    public void logParam(String runId, Param param) {
        Param checked = TrackingValidator.checkParam("", param);
        store.logBatch(runId, List.of(), List.of(checked), List.of());
    }

    /** Sets a tag on an active run; {@code mlflow.runName} also renames the run. */
    public void setTag(String runId, RunTag tag) {
        RunTag checked = TrackingValidator.checkTag("", tag);
        store.logBatch(runId, List.of(), List.of(), List.of(checked));
    }

    /** Removes a tag from an active run. */
    public void deleteTag(String runId, String key) {
        states.activeRun(runId);
        store.deleteTag(runId, key);
    }

    /** Logs metrics, params and tags to an active run, all or nothing, within MLflow's batch limits. */
    public void logBatch(String runId, List<Metric> metrics, List<Param> params, List<RunTag> tags) {
        TrackingValidator.Batch batch = TrackingValidator.checkBatch(metrics, params, tags);
        store.logBatch(runId, batch.metrics(), batch.params(), batch.tags());
    }

    /** Appends the model's JSON description to the run's {@code mlflow.log-model.history} tag. */
    public void logModel(String runId, String modelJson) {
        var model = LoggedModelHistory.parseModel(modelJson);
        Run run = states.run(runId);
        RunStates.requireActive(run.info());
        Optional<String> previous = run.data().tags().stream()
                .filter(t -> t.key().equals(LoggedModelHistory.TAG))
                .map(RunTag::value)
                .findFirst();
        store.logBatch(
                runId,
                List.of(),
                List.of(),
                List.of(new RunTag(LoggedModelHistory.TAG, LoggedModelHistory.append(previous, model))));
    }

    /** Records the datasets an active run used, with the tags of each use. */
    public void logInputs(String runId, List<DatasetInput> inputs) {
        TrackingValidator.checkDatasetInputs(inputs);
        states.activeRun(runId);
        store.logInputs(runId, inputs);
    }

    // Metric history

    /** One page of a metric's history by step; all of it when {@code maxResults} is null. */
    public Page<Metric> getMetricHistory(String runId, String metricKey, Integer maxResults, String pageToken) {
        int limit = SearchLimits.historyMaxResults(maxResults);
        return store.getMetricHistory(runId, metricKey, limit, nonEmpty(pageToken));
    }

    /** The UI's history of one metric over several runs; at most 25,000 points in all. */
    public List<MetricWithRunId> getMetricHistoryBulk(List<String> runIds, String metricKey, Integer maxResults) {
        SearchLimits.checkHistoryBulk(runIds, metricKey);
        int limit = Math.min(
                maxResults == null ? SearchLimits.MAX_HISTORY_BULK_RESULTS : maxResults,
                SearchLimits.MAX_HISTORY_BULK_RESULTS);
        return store.getMetricHistoryBulk(runIds.stream().sorted().distinct().toList(), metricKey, Math.max(limit, 0));
    }

    /** The metric of each run, downsampled to about {@code maxResults} points that keep each run's first and last step. */
    public List<MetricWithRunId> getMetricHistoryBulkInterval(
            List<String> runIds, String metricKey, Long startStep, Long endStep, Integer maxResults) {
        SearchLimits.checkHistoryBulkInterval(runIds);
        int limit = SearchLimits.bulkIntervalMaxResults(maxResults);
        SearchLimits.checkStepRange(startStep, endStep);
        Map<String, List<Metric>> byRun =
                store.getMetricHistoryBulkInterval(runIds, metricKey, startStep, endStep, limit);
        List<MetricWithRunId> points = new ArrayList<>();
        for (String runId : runIds.stream().distinct().toList()) {
            byRun.getOrDefault(runId, List.of()).forEach(m -> points.add(new MetricWithRunId(runId, m)));
        }
        return points;
    }

    /** The datasets used by runs of 1 to 20 experiments. */
    public List<DatasetSummary> searchDatasets(List<String> experimentIds) {
        SearchLimits.checkDatasetSearch(experimentIds);
        return store.searchDatasets(experimentIds);
    }

    private long now() {
        return clock.millis();
    }

    private static String stripTrailingSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    private static Optional<String> nonEmpty(String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}

package dev.flowline.core.tracking;

import dev.flowline.core.Page;
import dev.flowline.core.search.ExperimentSearchQuery;
import dev.flowline.core.search.RunSearchQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Persistence of experiments, runs and what is logged to them.
 *
 * <p>The service layer validates every input before it reaches a store (lengths, names, limits, lifecycle
 * rules that need no lookup); a store enforces only what needs its data: existence, uniqueness and the
 * immutability of params. Those failures are {@link dev.flowline.core.error.FlowlineException}s with
 * MLflow's codes and messages. Every method is safe to call from many threads.
 */
public interface TrackingStore {

    /**
     * Creates the default experiment, id "0" and name "Default", unless it exists. Called once when the
     * server starts; safe when several servers start at once on one database.
     */
    void ensureDefaultExperiment(UnaryOperator<String> defaultLocation, long now);

    /**
     * Creates an active experiment.
     *
     * @param artifactLocation the location the client asked for, or null to use {@code defaultLocation}
     * @param defaultLocation  maps the new experiment's id to its artifact location
     * @return the new experiment's id
     */
    String createExperiment(
            String name,
            String artifactLocation,
            UnaryOperator<String> defaultLocation,
            List<ExperimentTag> tags,
            long now);

    Optional<Experiment> getExperiment(String experimentId);

    Optional<Experiment> getExperimentByName(String name);

    Page<Experiment> searchExperiments(ExperimentSearchQuery query);

    /** Marks the experiment and its runs deleted. */
    void deleteExperiment(String experimentId, long now);

    /** Makes the experiment and the runs deleted with it active again. */
    void restoreExperiment(String experimentId, long now);

    void renameExperiment(String experimentId, String newName, long now);

    void setExperimentTag(String experimentId, ExperimentTag tag);

    void deleteExperimentTag(String experimentId, String key);

    /**
     * Creates a run in status RUNNING and returns it with its tags. A run name and the {@code mlflow.runName}
     * tag are kept equal: a name sets the tag, and the tag alone sets the name. The experiment is checked in the
     * same transaction: an unknown one is RESOURCE_DOES_NOT_EXIST, one that is not active
     * {@link RunStates#experimentNotActive}.
     *
     * @param artifactUriForExperiment maps the experiment's artifact location to the run's artifact URI
     */
    Run createRun(NewRun run, UnaryOperator<String> artifactUriForExperiment);

    /** The run with the latest value of each metric, its params, tags and dataset inputs. */
    Optional<Run> getRun(String runId);

    /**
     * Just the run's attributes, which the service checks before logging; stores should answer this
     * without loading what was logged.
     */
    default Optional<RunInfo> getRunInfo(String runId) {
        return getRun(runId).map(Run::info);
    }

    RunInfo updateRun(String runId, RunUpdate update);

    void deleteRun(String runId, long now);

    void restoreRun(String runId);

    /**
     * Logs metrics, params and tags in one transaction: all of it is stored or none of it is.
     * Re-logging a param with its current value is accepted; a different value is rejected with
     * INVALID_PARAMETER_VALUE. The run is checked in the same transaction: an unknown run is
     * {@link RunStates#notFound}, one that is not active {@link RunStates#notActive}.
     */
    void logBatch(String runId, List<Metric> metrics, List<Param> params, List<RunTag> tags);

    void deleteTag(String runId, String key);

    void logInputs(String runId, List<DatasetInput> inputs);

    /** One page of a metric's full history, ordered by step then timestamp. */
    Page<Metric> getMetricHistory(String runId, String key, int maxResults, Optional<String> pageToken);

    /** Up to {@code maxResults} points of the metric in all, ordered by run id, then timestamp, step and value. */
    List<MetricWithRunId> getMetricHistoryBulk(List<String> runIds, String key, int maxResults);

    /**
     * The metric for each run downsampled in the store to about {@code maxResults} points evenly spread
     * over the steps in {@code [startStep, endStep]}; the first and last step are always kept.
     *
     * @param startStep null for the first logged step
     * @param endStep   null for the last logged step
     */
    Map<String, List<Metric>> getMetricHistoryBulkInterval(
            List<String> runIds, String key, Long startStep, Long endStep, int maxResults);

    /**
     * One page of runs. The items of a large page may be read from the store as they are walked, so that a page
     * of up to 50,000 runs needs no more memory than a few thousand: walk them once, in order.
     */
    Page<Run> searchRuns(RunSearchQuery query);

    /** The distinct datasets used by runs of the given experiments. */
    List<DatasetSummary> searchDatasets(List<String> experimentIds);
}

package dev.flowline.core.tracking;

import dev.flowline.core.error.FlowlineException;
import java.util.List;

/** MLflow's limits on search and history requests, with its messages. */
public final class SearchLimits {
    public static final int SEARCH_MAX_RESULTS_DEFAULT = 1000;
    public static final int SEARCH_MAX_RESULTS_THRESHOLD = 50000;
    public static final int MAX_RUNS_GET_METRIC_HISTORY_BULK = 100;
    /** Most points per run from get-history-bulk-interval, also its default as in MLflow's server. */
    public static final int MAX_RESULTS_PER_RUN = 2500;

    public static final int MAX_HISTORY_BULK_RESULTS = 25000;
    public static final int MAX_DATASET_SEARCH_EXPERIMENTS = 20;

    private SearchLimits() {}

    static int runsMaxResults(Integer requested) {
        int value = requested == null ? SEARCH_MAX_RESULTS_DEFAULT : requested;
        if (value < 1) {
            throw FlowlineException.invalidParameter(
                    "Invalid value for request parameter max_results. It must be a positive integer, but got value %d",
                    value);
        }
        if (value > SEARCH_MAX_RESULTS_THRESHOLD) {
            // MLflow's runs/search handler checks the limit in its request schema, hence the schema's message.
            throw FlowlineException.invalidParameter(
                    "Invalid value %d for parameter 'max_results' supplied." + " Hint: Value was of type 'int'.%s",
                    value, API_DOCS_HINT);
        }
        return value;
    }

    static int experimentsMaxResults(Integer requested) {
        int value = requested == null ? SEARCH_MAX_RESULTS_DEFAULT : requested;
        if (value < 1) {
            throw FlowlineException.invalidParameter(
                    "Invalid value for max_results. It must be a positive integer, but got %d", value);
        }
        if (value > SEARCH_MAX_RESULTS_THRESHOLD) {
            throw FlowlineException.invalidParameter(
                    "Invalid value for max_results. It must be at most %d, but got %d",
                    SEARCH_MAX_RESULTS_THRESHOLD, value);
        }
        return value;
    }

    /** get-history: all points unless a page size is asked for. */
    static int historyMaxResults(Integer requested) {
        if (requested == null) {
            return Integer.MAX_VALUE - 1;
        }
        if (requested < 1) {
            throw FlowlineException.invalidParameter(
                    "Invalid value %d for parameter 'max_results' supplied. It must be a positive integer", requested);
        }
        return requested;
    }

    private static final String API_DOCS_HINT = " See the API docs for more information about request parameters.";

    /** The UI's get-history-bulk: 1 to 100 runs and a metric key. */
    static void checkHistoryBulk(List<String> runIds, String metricKey) {
        if (runIds.isEmpty()) {
            throw FlowlineException.invalidParameter("GetMetricHistoryBulk request must specify at least one run_id.");
        }
        if (runIds.size() > MAX_RUNS_GET_METRIC_HISTORY_BULK) {
            throw FlowlineException.invalidParameter(
                    "GetMetricHistoryBulk request cannot specify more than %d run_ids. Received %d run_ids.",
                    MAX_RUNS_GET_METRIC_HISTORY_BULK, runIds.size());
        }
        if (metricKey == null) {
            throw FlowlineException.invalidParameter("GetMetricHistoryBulk request must specify a metric_key.");
        }
    }

    static void checkHistoryBulkInterval(List<String> runIds) {
        if (runIds.isEmpty()) {
            throw FlowlineException.invalidParameter("Missing value for required parameter 'run_ids'." + API_DOCS_HINT);
        }
        if (runIds.size() > MAX_RUNS_GET_METRIC_HISTORY_BULK) {
            throw FlowlineException.invalidParameter(
                    "GetMetricHistoryBulkInterval request must specify at most %d run_ids. Received %d run_ids."
                            + API_DOCS_HINT,
                    MAX_RUNS_GET_METRIC_HISTORY_BULK,
                    runIds.size());
        }
    }

    static int bulkIntervalMaxResults(Integer requested) {
        int value = requested == null ? MAX_RESULTS_PER_RUN : requested;
        if (value < 1 || value > MAX_RESULTS_PER_RUN) {
            throw FlowlineException.invalidParameter(
                    "max_results must be between 1 and %d." + API_DOCS_HINT, MAX_RESULTS_PER_RUN);
        }
        return value;
    }

    static void checkStepRange(Long startStep, Long endStep) {
        if (startStep != null && endStep != null) {
            if (startStep > endStep) {
                throw FlowlineException.invalidParameter(
                        "end_step must be greater than start_step. Found start_step=%d and end_step=%d.",
                        startStep, endStep);
            }
        } else if (startStep != null || endStep != null) {
            throw FlowlineException.invalidParameter(
                    "If either start step or end step are specified, both must be specified.");
        }
    }

    static void checkDatasetSearch(List<String> experimentIds) {
        if (experimentIds.isEmpty()) {
            throw FlowlineException.invalidParameter("SearchDatasets request must specify at least one experiment_id.");
        }
        if (experimentIds.size() > MAX_DATASET_SEARCH_EXPERIMENTS) {
            throw FlowlineException.invalidParameter(
                    "SearchDatasets request cannot specify more than %d experiment_ids. Received %d experiment_ids.",
                    MAX_DATASET_SEARCH_EXPERIMENTS, experimentIds.size());
        }
    }
}

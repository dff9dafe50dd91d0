package dev.flowline.core.promptlab;

import dev.flowline.core.artifacts.RunArtifacts;
import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.tracking.Param;
import dev.flowline.core.tracking.Run;
import dev.flowline.core.tracking.RunStatus;
import dev.flowline.core.tracking.RunTag;
import dev.flowline.core.tracking.TrackingService;
import java.io.ByteArrayInputStream;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Records one try of the web UI's prompt engineering as a finished run, as MLflow's server does for
 * {@code CreatePromptlabRun}: the run with the model's parameters, route and template as params and the
 * {@code mlflow.runSourceType} and {@code mlflow.loggedArtifacts} tags, the model in its log-model history, and
 * {@code eval_results_table.json} and the {@code model/} directory among its artifacts, wherever its artifact URI
 * points.
 */
public final class PromptLabRuns {
    static final String RUN_SOURCE_TYPE_TAG = "mlflow.runSourceType";
    static final String LOGGED_ARTIFACTS_TAG = "mlflow.loggedArtifacts";

    private static final System.Logger LOG = System.getLogger(PromptLabRuns.class.getName());

    private final TrackingService tracking;
    private final RunArtifacts artifacts;
    private final Clock clock;

    public PromptLabRuns(TrackingService tracking, RunArtifacts artifacts, Clock clock) {
        this.tracking = Objects.requireNonNull(tracking, "tracking");
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates the run and returns it as it ends. A required field that is missing or empty is MLflow's
     * INVALID_PARAMETER_VALUE, checked in MLflow's order; an experiment that does not exist or is deleted fails as
     * run creation does. Once the run exists, anything that fails while logging to it (a param key MLflow refuses, an
     * artifact store that cannot be written) leaves it FAILED rather than failing the call, as in MLflow; otherwise it
     * ends FINISHED.
     */
    public Run create(PromptLabRequest request) {
        require("experiment_id", request.experimentId());
        require("prompt_template", request.promptTemplate());
        require("prompt_parameters", request.promptParameters());
        require("model_route", request.modelRoute());
        require("model_input", request.modelInput());
        require("mlflow_version", request.mlflowVersion());
        Run run = tracking.createRun(
                request.experimentId(),
                request.userId() == null ? "unknown" : request.userId(),
                request.runName(),
                request.startTime(),
                request.tags());
        String runId = run.info().runId();
        RunStatus status = RunStatus.FINISHED;
        try {
            record(runId, request);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Prompt-lab run " + runId + " failed while logging to it; it ends FAILED", e);
            status = RunStatus.FAILED;
        }
        tracking.updateRun(runId, status, clock.millis(), request.runName());
        return tracking.getRun(runId);
    }

    private void record(String runId, PromptLabRequest request) {
        List<Param> params = new ArrayList<>(request.modelParameters());
        params.add(new Param("model_route", request.modelRoute()));
        params.add(new Param("prompt_template", request.promptTemplate()));
        tracking.logBatch(
                runId,
                List.of(),
                params,
                List.of(
                        new RunTag(LOGGED_ARTIFACTS_TAG, PromptLabModel.LOGGED_ARTIFACTS),
                        new RunTag(RUN_SOURCE_TYPE_TAG, "PROMPT_ENGINEERING")));
        PromptLabModel model =
                new PromptLabModel(request, runId, UUID.randomUUID().toString().replace("-", ""), clock.instant());
        tracking.logModel(runId, model.loggedModelJson());
        for (Map.Entry<String, byte[]> file : model.files().entrySet()) {
            byte[] bytes = file.getValue();
            artifacts.write(runId, file.getKey(), new ByteArrayInputStream(bytes), bytes.length);
        }
    }

    /** MLflow's check: a field that is absent, empty or an empty list was not given. */
    private static void require(String field, Object value) {
        boolean empty = value == null
                || (value instanceof String s && s.isEmpty())
                || (value instanceof Collection<?> c && c.isEmpty());
        if (empty) {
            throw FlowlineException.invalidParameter("CreatePromptlabRun request must specify %s.", field);
        }
    }
}

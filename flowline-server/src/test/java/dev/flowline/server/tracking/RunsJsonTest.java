package dev.flowline.server.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.flowline.core.Page;
import dev.flowline.core.tracking.Dataset;
import dev.flowline.core.tracking.DatasetInput;
import dev.flowline.core.tracking.InputTag;
import dev.flowline.core.tracking.LifecycleStage;
import dev.flowline.core.tracking.Metric;
import dev.flowline.core.tracking.MetricWithRunId;
import dev.flowline.core.tracking.Param;
import dev.flowline.core.tracking.Run;
import dev.flowline.core.tracking.RunData;
import dev.flowline.core.tracking.RunInfo;
import dev.flowline.core.tracking.RunStatus;
import dev.flowline.core.tracking.RunTag;
import dev.flowline.server.http.StreamedJson;
import dev.flowline.server.http.WireJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunsJsonTest {
    private static final RunInfo INFO = new RunInfo(
            "r1", "7", "name", "alice", RunStatus.FINISHED, 10L, 20L, "file:///a/r1", LifecycleStage.ACTIVE);
    private static final String INFO_JSON = "{\"run_id\":\"r1\",\"run_uuid\":\"r1\",\"run_name\":\"name\","
            + "\"experiment_id\":\"7\",\"user_id\":\"alice\",\"status\":\"FINISHED\",\"start_time\":10,"
            + "\"end_time\":20,\"artifact_uri\":\"file:///a/r1\",\"lifecycle_stage\":\"active\"}";

    private static String write(StreamedJson body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new WireJson().write(body, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runWithEverythingKeepsMlflowsFieldsAndOmitsUnsetValues() throws IOException {
        Run run = new Run(
                INFO,
                new RunData(
                        List.of(new Metric("loss", Double.NaN, 3, 4), new Metric("acc", 0.5, 5, 6)),
                        List.of(new Param("lr", "0.1")),
                        List.of(new RunTag("note", null))),
                List.of(new DatasetInput(
                        List.of(new InputTag("mlflow.data.context", "train")),
                        new Dataset("d", "abc", "local", "s", null, ""))));
        assertEquals(
                "{\"run\":{\"info\":" + INFO_JSON + ",\"data\":{\"metrics\":["
                        + "{\"key\":\"loss\",\"value\":\"NaN\",\"timestamp\":3,\"step\":4},"
                        + "{\"key\":\"acc\",\"value\":0.5,\"timestamp\":5,\"step\":6}],"
                        + "\"params\":[{\"key\":\"lr\",\"value\":\"0.1\"}],\"tags\":[{\"key\":\"note\"}]},"
                        + "\"inputs\":{\"dataset_inputs\":[{\"tags\":[{\"key\":\"mlflow.data.context\",\"value\":\"train\"}],"
                        + "\"dataset\":{\"name\":\"d\",\"digest\":\"abc\",\"source_type\":\"local\",\"source\":\"s\","
                        + "\"profile\":\"\"}}]}}}",
                write(RunsJson.run(run)));
    }

    @Test
    void emptyRunKeepsEmptyMessagesAndUnsetInfoFieldsAreOmitted() throws IOException {
        RunInfo info = new RunInfo("r2", "0", null, null, RunStatus.RUNNING, null, null, null, LifecycleStage.DELETED);
        assertEquals(
                "{\"runs\":[{\"info\":{\"run_id\":\"r2\",\"run_uuid\":\"r2\",\"experiment_id\":\"0\","
                        + "\"status\":\"RUNNING\",\"lifecycle_stage\":\"deleted\"},\"data\":{},\"inputs\":{}}],"
                        + "\"next_page_token\":\"tok\"}",
                write(RunsJson.runs(new Page<>(List.of(new Run(info, RunData.EMPTY, List.of())), Optional.of("tok")))));
    }

    @Test
    void emptyPagesAndListsAreEmptyObjects() throws IOException {
        assertEquals("{}", write(RunsJson.runs(Page.last(List.of()))));
        assertEquals("{}", write(RunsJson.history(Page.last(List.of()))));
        assertEquals("{}", write(RunsJson.metricsWithRunIds(List.of())));
    }

    @Test
    void historyAndBulkPointsCarryTheirFieldsInMlflowsOrder() throws IOException {
        assertEquals(
                "{\"metrics\":[{\"key\":\"m\",\"value\":\"Infinity\",\"timestamp\":1,\"step\":2}],"
                        + "\"next_page_token\":\"next\"}",
                write(RunsJson.history(
                        new Page<>(List.of(new Metric("m", Double.POSITIVE_INFINITY, 1, 2)), Optional.of("next")))));
        assertEquals(
                "{\"metrics\":[{\"key\":\"m\",\"value\":-1.5,\"timestamp\":1,\"step\":2,\"run_id\":\"r1\"}]}",
                write(RunsJson.metricsWithRunIds(List.of(new MetricWithRunId("r1", new Metric("m", -1.5, 1, 2))))));
    }

    @Test
    void updateAnswersTheRunInfo() throws IOException {
        assertEquals("{\"run_info\":" + INFO_JSON + "}", write(RunsJson.runInfo(INFO)));
    }
}

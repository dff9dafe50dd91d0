package dev.flowline.server.tracking;

import static dev.flowline.server.tracking.ApiClient.object;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowline.server.FlowlineServer;
import dev.flowline.server.ServerConfig;
import dev.flowline.testkit.TestingPostgres;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;

/** The tracking API end to end on PostgreSQL; the store contract suite covers the databases in depth. */
class PostgresTrackingApiTest {
    private static TestingPostgres database;
    private static FlowlineServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        database = new TestingPostgres();
        server = FlowlineServer.start(
                ServerConfig.embeddedDefault().withPort(0).withBackendStoreUri(database.backendStoreUri()));
        api = new ApiClient(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theJavaClientLogsAndSearchesRuns() {
        try (MlflowClient client = new MlflowClient("http://127.0.0.1:" + server.port())) {
            String experimentId = client.createExperiment("postgres-smoke");
            String runId = client.createRun(experimentId).getRunId();
            client.logParam(runId, "db", "postgres");
            client.logMetric(runId, "loss", 0.25, 10, 3);
            assertThat(client.searchRuns(
                            List.of(experimentId), "params.db = 'postgres' and metrics.loss < 1", ViewType.ACTIVE_ONLY))
                    .hasSize(1);
            assertThat(client.getMetricHistory(runId, "loss"))
                    .singleElement()
                    .satisfies(m -> assertThat(m.getStep()).isEqualTo(3));
        }
    }

    @Test
    void badInputIsRejectedAndLeavesDataIntact() {
        String runId = api.createRun(api.createExperiment("postgres-bad-input"));
        api.post(
                        "/api/2.0/mlflow/runs/log-metric",
                        object().put("run_id", runId)
                                .put("key", "kept")
                                .put("value", 1)
                                .put("timestamp", 1))
                .assertOk();
        api.post("/api/2.0/mlflow/runs/log-batch", LogBatchApiTest.batch(runId, 1001, 0, 0))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        api.post("/api/2.0/mlflow/runs/search", object().put("filter", "params.x = ''; DROP TABLE runs; --'"))
                .assertError(400, "INVALID_PARAMETER_VALUE");
        api.post("/api/2.0/mlflow/experiments/create", object().put("name", "postgres-bad-input"))
                .assertError(400, "RESOURCE_ALREADY_EXISTS");
        JsonNode metrics = api.getRun(runId).path("data").path("metrics");
        assertThat(metrics).hasSize(1);
    }
}

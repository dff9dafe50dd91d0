package dev.flowline.server.graphql;

import dev.flowline.server.artifacts.RunArtifactsApi;
import dev.flowline.server.http.Api;
import dev.flowline.server.http.ApiRequest;
import dev.flowline.server.http.RouteTable;
import dev.flowline.server.http.WireJson;
import dev.flowline.server.registry.ModelVersionsApi;
import dev.flowline.server.tracking.ExperimentsApi;
import dev.flowline.server.tracking.MetricsApi;
import dev.flowline.server.tracking.RunsApi;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * MLflow's GraphQL endpoint {@code /graphql} (GET and POST, under the static prefix like the web UI's other
 * routes), answering over the REST endpoints' own operations. Every call that reaches GraphQL is answered 200 with
 * {@code data} and {@code errors}; a request without a query, or whose body is not JSON, gets MLflow's JSON error.
 */
public final class GraphqlApi implements Api {
    private final ExperimentsApi experiments;
    private final RunsApi runs;
    private final MetricsApi metrics;
    private final ModelVersionsApi modelVersions;
    private final RunArtifactsApi runArtifacts;
    private final QuerySafety safety;
    private final ReentrantLock building = new ReentrantLock();
    private volatile MlflowGraphql graphql;

    /**
     * @param environment where {@code MLFLOW_SERVER_GRAPHQL_MAX_ROOT_FIELDS} and
     *     {@code MLFLOW_SERVER_GRAPHQL_MAX_ALIASES} are read
     */
    public GraphqlApi(
            ExperimentsApi experiments,
            RunsApi runs,
            MetricsApi metrics,
            ModelVersionsApi modelVersions,
            RunArtifactsApi runArtifacts,
            Map<String, String> environment) {
        this.experiments = experiments;
        this.runs = runs;
        this.metrics = metrics;
        this.modelVersions = modelVersions;
        this.runArtifacts = runArtifacts;
        this.safety = QuerySafety.fromEnvironment(environment);
    }

    @Override
    public void routes(RouteTable table) {
        WireJson json = table.json();
        for (Method method : new Method[] {Method.GET, Method.POST}) {
            table.raw(method, "/graphql", (req, res) -> serve(new ApiRequest(req, json), json, res));
        }
    }

    private void serve(ApiRequest request, WireJson json, ServerResponse res) {
        GraphqlRequest call = GraphqlRequest.from(request.args(), json.mapper());
        GraphqlAnswer answer = graphql(json).execute(call);
        res.header(HeaderValues.CONTENT_TYPE_JSON).send(answer.toJson());
    }

    /**
     * Built on the first call: loading graphql-java and building the schema costs about 0.9 s of CPU, which the
     * server's start-up would otherwise pay even when no client uses GraphQL (REST clients never do).
     */
    private MlflowGraphql graphql(WireJson json) {
        MlflowGraphql built = graphql;
        if (built != null) {
            return built;
        }
        // A lock, not synchronized: requests run on virtual threads, which a monitor would pin on JDK 21.
        building.lock();
        try {
            if (graphql == null) {
                graphql = new MlflowGraphql(
                        new MlflowResolvers(experiments, runs, metrics, modelVersions, runArtifacts, json), safety);
            }
            return graphql;
        } finally {
            building.unlock();
        }
    }
}

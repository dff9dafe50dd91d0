package dev.flowline.server;

import dev.flowline.core.backend.BackendStore;
import dev.flowline.core.backend.BackendStores;
import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.gateway.GatewayProxy;
import dev.flowline.core.promptlab.PromptLabRuns;
import dev.flowline.core.registry.ModelRegistryService;
import dev.flowline.core.tracing.TraceArtifacts;
import dev.flowline.core.tracing.TraceService;
import dev.flowline.core.tracking.TrackingService;
import dev.flowline.server.artifacts.RunArtifactsApi;
import dev.flowline.server.gateway.GatewayProxyApi;
import dev.flowline.server.graphql.GraphqlApi;
import dev.flowline.server.http.Api;
import dev.flowline.server.http.ErrorMapper;
import dev.flowline.server.http.HeadResponse;
import dev.flowline.server.http.LargeReadHttp1Selector;
import dev.flowline.server.http.RouteTable;
import dev.flowline.server.http.TransportErrors;
import dev.flowline.server.http.WireJson;
import dev.flowline.server.registry.ModelVersionsApi;
import dev.flowline.server.registry.RegisteredModelsApi;
import dev.flowline.server.tracing.TraceArtifactsApi;
import dev.flowline.server.tracing.TracesApi;
import dev.flowline.server.tracking.ExperimentsApi;
import dev.flowline.server.tracking.MetricsApi;
import dev.flowline.server.tracking.PromptLabApi;
import dev.flowline.server.tracking.RunsApi;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The composition root: opens the stores named in the {@link ServerConfig}, builds the services and
 * APIs on them, and serves them over HTTP.
 */
public final class FlowlineServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FlowlineServer.class.getName());
    /**
     * Longest request line taken; MLflow's server takes long query strings, e.g. the UI's bulk history of 100
     * runs (over 4 KB, Helidon's default) or MLflow's own test of 1000 run ids, which must get a JSON 400.
     */
    static final int MAX_REQUEST_LINE_BYTES = 1 << 20;

    private final BackendStore backend;
    private final GatewayProxy gateway;
    private final WebServer webServer;

    private FlowlineServer(BackendStore backend, GatewayProxy gateway, WebServer webServer) {
        this.backend = backend;
        this.gateway = gateway;
        this.webServer = webServer;
    }

    /** Opens the stores and starts serving; fails with a clear message if a store cannot be used. */
    public static FlowlineServer start(ServerConfig config) {
        BackendStore backend =
                BackendStores.providerFor(config.backendStoreUri()).open(config.backendStoreUri(), config.workers());
        GatewayProxy gateway = new GatewayProxy(config.gateway());
        try {
            WireJson json = new WireJson();
            ErrorMapper errors = new ErrorMapper(json);
            HttpRouting.Builder routing = HttpRouting.builder();
            RouteTable table = new RouteTable(routing, json, errors, config.staticPrefix());
            ArtifactServing artifacts = new ArtifactServing(config);
            for (Api api : apis(backend, artifacts, gateway)) {
                api.routes(artifacts.tableFor(api, table));
            }
            routing.error(Exception.class, errors::handle);
            Handler noEndpoint = (req, res) -> errors.send(
                    res,
                    ErrorCode.ENDPOINT_NOT_FOUND,
                    "No endpoint " + req.prologue().method().text() + " "
                            + req.path().path());
            routing.head(HeadResponse.answering(noEndpoint));
            routing.any(noEndpoint);
            WebServer webServer = WebServer.builder()
                    .host(config.host())
                    .port(config.port())
                    // artifact downloads write large bodies: fewer, larger socket writes
                    .writeBufferSize(256 * 1024)
                    // Helidon's NIO socket copies every write through an 8 KiB staging buffer (one system call per
                    // 8 KiB); the socket stream hands each write to the kernel in pieces of up to 128 KiB.
                    .useNio(false)
                    // Without TCP_NODELAY a response written in two parts waits for the client's delayed ACK
                    // (about 40 ms) on a kept-alive connection, as MLflow clients and the benchmarks use.
                    .connectionOptions(options -> options.tcpNoDelay(true))
                    // HTTP/1.1 only, reading the socket in large pieces (LargeReadHttp1Selector); no protocol is
                    // discovered from the class path, so no second selector reads the connection first.
                    .protocolsDiscoverServices(false)
                    .addConnectionSelector(LargeReadHttp1Selector.create(Http1Config.builder()
                            .maxPrologueLength(MAX_REQUEST_LINE_BYTES)
                            .build()))
                    .directHandlers(TransportErrors.handlers(json))
                    .routing(routing)
                    .build()
                    .start();
            if (!webServer.isRunning() || webServer.port() < 0) {
                // Helidon logs a bind failure and returns a stopped server instead of throwing.
                throw new FlowlineException(
                        ErrorCode.INTERNAL_ERROR,
                        "Cannot listen on " + config.host() + ":" + config.port()
                                + ": is another process using the port?");
            }
            LOG.log(
                    System.Logger.Level.INFO,
                    "Flowline listening on http://" + config.host() + ":" + webServer.port() + " (backend "
                            + config.backendStoreUri().getScheme() + ")");
            return new FlowlineServer(backend, gateway, webServer);
        } catch (RuntimeException e) {
            gateway.close();
            backend.close();
            throw e;
        }
    }

    private static List<Api> apis(BackendStore backend, ArtifactServing artifacts, GatewayProxy gateway) {
        TrackingService tracking = new TrackingService(
                backend.tracking(), Clock.systemUTC(), artifacts.policy()::defaultLocation, artifacts.policy()::check);
        tracking.ensureDefaultExperiment();
        ModelRegistryService registry =
                new ModelRegistryService(backend.registry(), backend.tracking(), Clock.systemUTC());
        ExperimentsApi experiments = new ExperimentsApi(tracking);
        RunsApi runs = new RunsApi(tracking);
        MetricsApi metrics = new MetricsApi(tracking);
        ModelVersionsApi modelVersions = new ModelVersionsApi(registry);
        RunArtifactsApi runArtifacts = artifacts.runArtifactsApi(backend.tracking(), registry);
        TraceService traces = new TraceService(backend.traces(), tracking);
        List<Api> apis = new ArrayList<>();
        apis.add(new SystemApi());
        apis.add(experiments);
        apis.add(runs);
        apis.add(metrics);
        apis.add(new PromptLabApi(
                new PromptLabRuns(tracking, artifacts.runArtifacts(backend.tracking()), Clock.systemUTC())));
        apis.add(new RegisteredModelsApi(registry));
        apis.add(modelVersions);
        apis.add(new TracesApi(traces));
        apis.add(new TraceArtifactsApi(new TraceArtifacts(traces, artifacts.runArtifacts(backend.tracking()))));
        apis.addAll(artifacts.apis(runArtifacts));
        apis.add(new GatewayProxyApi(gateway));
        apis.add(new GraphqlApi(experiments, runs, metrics, modelVersions, runArtifacts, System.getenv()));
        return apis;
    }

    /** The port actually bound (useful when started on port 0). */
    public int port() {
        return webServer.port();
    }

    @Override
    public void close() {
        webServer.stop();
        gateway.close();
        backend.close();
    }
}

package dev.flowline.server.gateway;

import dev.flowline.core.gateway.GatewayProxy;
import dev.flowline.server.http.Api;
import dev.flowline.server.http.ApiRequest;
import dev.flowline.server.http.RequestArgs;
import dev.flowline.server.http.RouteTable;
import io.helidon.http.Method;
import java.util.Objects;
import java.util.Optional;

/**
 * The web UI's proxy to a deployments server, {@code /ajax-api/2.0/mlflow/gateway-proxy} (GET and POST; MLflow serves
 * it under that prefix only): {@code gateway_path} and, for a POST, {@code json_data} to send.
 */
public final class GatewayProxyApi implements Api {
    private static final String PATH = "/ajax-api/2.0/mlflow/gateway-proxy";

    private final GatewayProxy proxy;

    public GatewayProxyApi(GatewayProxy proxy) {
        this.proxy = Objects.requireNonNull(proxy, "proxy");
    }

    @Override
    public void routes(RouteTable table) {
        table.rawJson(Method.GET, PATH, this::forward).rawJson(Method.POST, PATH, this::forward);
    }

    private Object forward(ApiRequest request) {
        RequestArgs args = request.args();
        // HEAD runs the GET's handler; the deployments server is asked as for the GET.
        Method requested = request.raw().prologue().method();
        String method = (requested == Method.HEAD ? Method.GET : requested).text();
        // A GET's query string has no JSON to send; the endpoint list it asks for takes none.
        return proxy.forward(
                method,
                args.string("gateway_path"),
                method.equals("POST") ? Optional.ofNullable(args.json().get("json_data")) : Optional.empty());
    }
}

package dev.flowline.server;

import dev.flowline.server.http.Api;
import dev.flowline.server.http.RouteTable;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;

/** {@code GET /health} and {@code GET /version}, as MLflow's server answers them (plain text). */
final class SystemApi implements Api {
    @Override
    public void routes(RouteTable table) {
        table.raw(
                        Method.GET,
                        "/health",
                        (req, res) ->
                                res.header(HeaderValues.CONTENT_TYPE_TEXT_PLAIN).send("OK"))
                .raw(
                        Method.GET,
                        "/version",
                        (req, res) ->
                                res.header(HeaderValues.CONTENT_TYPE_TEXT_PLAIN).send(FlowlineVersion.get()));
    }
}

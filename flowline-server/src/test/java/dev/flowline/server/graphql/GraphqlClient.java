package dev.flowline.server.graphql;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowline.server.tracking.ApiClient;
import dev.flowline.server.tracking.ApiClient.Reply;

/** GraphQL calls as MLflow's web UI makes them: a JSON body with the query, POSTed to {@code /graphql}. */
final class GraphqlClient {
    private final ApiClient api;
    private final String path;

    GraphqlClient(ApiClient api, String path) {
        this.api = api;
        this.path = path;
    }

    Reply post(String query) {
        return api.post(path, ApiClient.object().put("query", query));
    }

    Reply post(String query, ObjectNode variables) {
        ObjectNode body = ApiClient.object().put("query", query);
        body.set("variables", variables);
        return api.post(path, body);
    }
}

package dev.flowline.server.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowline.server.tracking.ApiClient;
import dev.flowline.server.tracking.ApiClient.Reply;
import dev.flowline.server.tracking.TrackingServerTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

/** A running server with shortcuts for the registry's endpoints. */
abstract class RegistryServerTest extends TrackingServerTest {
    static final String MODELS = "/api/2.0/mlflow/registered-models/";
    static final String VERSIONS = "/api/2.0/mlflow/model-versions/";

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static ObjectNode body() {
        return ApiClient.object();
    }

    static Reply patch(String path, ObjectNode body) {
        return api.send("PATCH", path, write(body), "application/json");
    }

    static Reply delete(String path, ObjectNode body) {
        return api.send("DELETE", path, write(body), "application/json");
    }

    static JsonNode createModel(String name) {
        return api.post(MODELS + "create", body().put("name", name)).assertOk().path("registered_model");
    }

    /** Creates a version from an S3 source, which needs no run. */
    static JsonNode createVersion(String name) {
        return api.post(VERSIONS + "create", body().put("name", name).put("source", "s3://bucket/models/" + name))
                .assertOk()
                .path("model_version");
    }

    static Reply createVersion(String name, String source, String runId) {
        ObjectNode request = body().put("name", name).put("source", source);
        if (runId != null) {
            request.put("run_id", runId);
        }
        return api.post(VERSIONS + "create", request);
    }

    private static String write(ObjectNode body) {
        try {
            return ApiClient.JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.flowline.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowline.server.FlowlineServer;
import dev.flowline.server.ServerConfig;
import dev.flowline.server.tracking.ApiClient;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With {@code --static-prefix}, {@code /graphql} moves under the prefix as MLflow's other UI routes do. */
class GraphqlStaticPrefixTest {
    @TempDir
    Path directory;

    @Test
    void graphqlIsServedUnderTheStaticPrefix() {
        URI backend = URI.create("sqlite:///" + directory.resolve("mlflow.db").toAbsolutePath());
        ServerConfig config = new ServerConfig(
                "127.0.0.1",
                0,
                backend,
                null,
                true,
                directory.resolve("mlartifacts").toString(),
                false,
                "/mlflow",
                2);
        try (FlowlineServer server = FlowlineServer.start(config)) {
            ApiClient api = new ApiClient(server.port());

            assertThat(new GraphqlClient(api, "/mlflow/graphql")
                            .post("{ test(inputString: \"prefixed\") { output } }")
                            .assertOk()
                            .path("data")
                            .path("test")
                            .path("output")
                            .asText())
                    .isEqualTo("prefixed");
            new GraphqlClient(api, "/graphql").post("{ test { output } }").assertError(404, "ENDPOINT_NOT_FOUND");
        }
    }
}

package dev.flowline.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flowline.server.FlowlineServer;
import dev.flowline.server.ServerConfig;
import dev.flowline.server.tracking.ApiClient;
import dev.flowline.testkit.TestingDatabase;
import dev.flowline.testkit.TestingMySql;
import dev.flowline.testkit.TestingPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The registry end to end on PostgreSQL and MariaDB: parallel HTTP clients creating versions of one model get
 * distinct numbers, and an alias moves and follows a rename. The store contract suite covers the rest.
 */
class RegistryOnDatabaseServersTest {
    private static final String MODELS = "/api/2.0/mlflow/registered-models/";
    private static final String VERSIONS = "/api/2.0/mlflow/model-versions/";

    static Stream<Supplier<TestingDatabase>> databases() {
        return Stream.of(TestingPostgres::new, TestingMySql::new);
    }

    @ParameterizedTest
    @MethodSource("databases")
    void parallelClientsGetDistinctVersionNumbersAndAliasesFollowRenames(Supplier<TestingDatabase> databases)
            throws Exception {
        try (TestingDatabase database = databases.get();
                FlowlineServer server = FlowlineServer.start(
                        ServerConfig.embeddedDefault().withPort(0).withBackendStoreUri(database.backendStoreUri()))) {
            ApiClient api = new ApiClient(server.port());
            api.post(MODELS + "create", ApiClient.object().put("name", "shared"))
                    .assertOk();

            List<Integer> numbers = createInParallel(api, "shared", 8, 40);

            assertThat(numbers).doesNotHaveDuplicates().hasSize(40).allMatch(n -> n >= 1 && n <= 40);
            api.post(
                            MODELS + "alias",
                            ApiClient.object()
                                    .put("name", "shared")
                                    .put("alias", "champion")
                                    .put("version", "3"))
                    .assertOk();
            api.post(
                            MODELS + "alias",
                            ApiClient.object()
                                    .put("name", "shared")
                                    .put("alias", "champion")
                                    .put("version", "7"))
                    .assertOk();
            api.post(MODELS + "rename", ApiClient.object().put("name", "shared").put("new_name", "Shared"))
                    .assertOk();
            JsonNode version = api.get(MODELS + "alias?name=Shared&alias=champion")
                    .assertOk()
                    .path("model_version");
            assertThat(version.path("version").asText()).isEqualTo("7");
            assertThat(version.path("name").asText()).isEqualTo("Shared");
            api.get(MODELS + "get?name=shared").assertError(404, "RESOURCE_DOES_NOT_EXIST");
        }
    }

    private static List<Integer> createInParallel(ApiClient api, String name, int clients, int versions)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < versions; i++) {
                results.add(pool.submit(() -> api.post(
                                VERSIONS + "create",
                                ApiClient.object().put("name", name).put("source", "s3://bucket/" + name))
                        .assertOk()
                        .path("model_version")
                        .path("version")
                        .asText()));
            }
            List<Integer> numbers = new ArrayList<>();
            for (Future<String> result : results) {
                numbers.add(Integer.parseInt(result.get()));
            }
            return numbers;
        } finally {
            pool.shutdownNow();
        }
    }
}

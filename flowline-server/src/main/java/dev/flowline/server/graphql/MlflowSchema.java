package dev.flowline.server.graphql;

import graphql.schema.DataFetcherFactories;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** MLflow's GraphQL schema (the SDL in {@code mlflow.graphqls}) wired to the resolvers. */
final class MlflowSchema {
    private static final String SDL = "mlflow.graphqls";

    private MlflowSchema() {}

    static GraphQLSchema build(MlflowResolvers resolvers) {
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .codeRegistry(GraphQLCodeRegistry.newCodeRegistry()
                        .defaultDataFetcher(DataFetcherFactories.useDataFetcher(new WireFields())))
                .scalar(LongStringScalar.TYPE)
                .type(
                        "Query",
                        type -> type.dataFetcher("mlflowGetExperiment", resolvers.getExperiment())
                                .dataFetcher(
                                        "mlflowGetMetricHistoryBulkInterval", resolvers.getMetricHistoryBulkInterval())
                                .dataFetcher("mlflowGetRun", resolvers.getRun())
                                .dataFetcher("mlflowListArtifacts", resolvers.listArtifacts())
                                .dataFetcher("mlflowSearchModelVersions", resolvers.searchModelVersions())
                                .dataFetcher("test", MlflowResolvers.echo()))
                .type(
                        "Mutation",
                        type -> type.dataFetcher("mlflowSearchDatasets", resolvers.searchDatasets())
                                .dataFetcher("mlflowSearchRuns", resolvers.searchRuns())
                                .dataFetcher("testMutation", MlflowResolvers.echo()))
                .type(
                        "MlflowRunExtension",
                        type -> type.dataFetcher("experiment", resolvers.runExperiment())
                                .dataFetcher("modelVersions", resolvers.runModelVersions()))
                .build();
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(sdl()), wiring);
    }

    private static String sdl() {
        try (InputStream in = MlflowSchema.class.getResourceAsStream(SDL)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + SDL);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

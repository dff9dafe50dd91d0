package dev.flowline.server.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import graphql.parser.Parser;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The safety checks on parsed queries: limits from MLflow's variables, fragments counted where spread. */
class QuerySafetyTest {
    private static final QuerySafety DEFAULTS = QuerySafety.fromEnvironment(Map.of());

    @Test
    void tenRootFieldsAndTenAliasesAreAllowed() {
        assertThat(check(DEFAULTS, "{" + aliased(10, "test { output }") + "}")).isEmpty();
    }

    @Test
    void theEnvironmentVariablesSetTheLimits() {
        QuerySafety roomy =
                QuerySafety.fromEnvironment(Map.of(QuerySafety.MAX_ROOT_FIELDS, "12", QuerySafety.MAX_ALIASES, "12"));
        QuerySafety strict = QuerySafety.fromEnvironment(Map.of(QuerySafety.MAX_ALIASES, "3"));

        assertThat(check(roomy, "{" + aliased(12, "test { output }") + "}")).isEmpty();
        assertThat(check(strict, "{ mlflowGetExperiment { " + aliased(4, "experiment { name }") + " } }"))
                .contains("GraphQL queries should have at most 3 aliases, got 4 aliases. To increase the limit, set "
                        + "the MLFLOW_SERVER_GRAPHQL_MAX_ALIASES environment variable.");
        assertThatThrownBy(() -> QuerySafety.fromEnvironment(Map.of(QuerySafety.MAX_ROOT_FIELDS, "ten")))
                .hasMessageContaining("MLFLOW_SERVER_GRAPHQL_MAX_ROOT_FIELDS");
    }

    @Test
    void rootFieldsAreCountedAcrossOperationsAndFragments() {
        String query = "query a { ...Roots } query b { " + aliased(5, "test { output }") + " } "
                + "fragment Roots on Query { " + aliased(6, "test { output }") + " }";

        assertThat(check(DEFAULTS, query))
                .contains("GraphQL queries should have at most 10 root fields, got 11 "
                        + "root fields. To increase the limit, set the MLFLOW_SERVER_GRAPHQL_MAX_ROOT_FIELDS environment "
                        + "variable.");
    }

    @Test
    void aliasesSpreadThroughFragmentsCountInTheirSelectionSet() {
        String query = "{ mlflowGetExperiment { experiment { name } ... on MlflowGetExperimentResponse { "
                + aliased(6, "experiment { name }") + " } ...More } } fragment More on MlflowGetExperimentResponse { "
                + aliased(5, "apiError { code }").replace(": ", "x: ") + " }";

        assertThat(check(DEFAULTS, query)).hasValueSatisfying(m -> assertThat(m).contains("got 11 aliases"));
    }

    @Test
    void aCyclicFragmentStopsAtTheDepthLimit() {
        String query = "{ mlflowGetExperiment { ...Loop } } fragment Loop on MlflowGetExperimentResponse { "
                + "experiment { ...Loop ...Loop } }";

        assertThat(check(DEFAULTS, query)).contains("Query exceeds maximum depth of 10");
    }

    private static Optional<String> check(QuerySafety safety, String query) {
        return safety.check(Parser.parse(query));
    }

    private static String aliased(int count, String field) {
        return IntStream.range(0, count).mapToObj(i -> "a" + i + ": " + field).collect(Collectors.joining(" "));
    }
}

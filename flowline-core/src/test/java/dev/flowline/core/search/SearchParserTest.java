package dev.flowline.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchParserTest {

    private static Filter run(String filter) {
        return SearchParser.parseRunFilter(filter).orElseThrow();
    }

    private static Filter.Comparison comparison(EntityType type, String key, Operator op, Literal value) {
        return new Filter.Comparison(new Field(type, key), op, value);
    }

    @Test
    void blankOrAbsentFiltersAreNoFilter() {
        assertThat(SearchParser.parseRunFilter(null)).isEmpty();
        assertThat(SearchParser.parseRunFilter("  ")).isEmpty();
        assertThat(SearchParser.parseExperimentFilter("")).isEmpty();
    }

    @Test
    void mlflowConjunctionParsesIntoComparisons() {
        assertThat(run("metrics.m1 < 0.5 and params.p1 = 'a' AND tags.`mlflow.runName` LIKE \"run%\""))
                .isEqualTo(new Filter.And(List.of(
                        comparison(EntityType.METRIC, "m1", Operator.LT, new Literal.Number(0.5)),
                        comparison(EntityType.PARAM, "p1", Operator.EQ, new Literal.Text("a")),
                        comparison(EntityType.TAG, "mlflow.runName", Operator.LIKE, new Literal.Text("run%")))));
    }

    @Test
    void keysMayBeQuotedWithBackticksOrDoubleQuotesAndContainSpacesAndDots() {
        assertThat(run("metrics.`my loss` >= -1e-3"))
                .isEqualTo(comparison(EntityType.METRIC, "my loss", Operator.GE, new Literal.Number(-1e-3)));
        assertThat(run("params.\"batch size\" != '32'"))
                .isEqualTo(comparison(EntityType.PARAM, "batch size", Operator.NE, new Literal.Text("32")));
        assertThat(run("params.model.depth = '3'"))
                .isEqualTo(comparison(EntityType.PARAM, "model.depth", Operator.EQ, new Literal.Text("3")));
    }

    @Test
    void entityPrefixesHaveMlflowsAlternateSpellings() {
        assertThat(run("metric.a > 1"))
                .isEqualTo(comparison(EntityType.METRIC, "a", Operator.GT, new Literal.Number(1)));
        assertThat(run("parameter.a = 'x'"))
                .isEqualTo(comparison(EntityType.PARAM, "a", Operator.EQ, new Literal.Text("x")));
        assertThat(run("tag.a = 'x'")).isEqualTo(comparison(EntityType.TAG, "a", Operator.EQ, new Literal.Text("x")));
        assertThat(run("attr.status = 'FINISHED'"))
                .isEqualTo(comparison(EntityType.ATTRIBUTE, "status", Operator.EQ, new Literal.Text("FINISHED")));
    }

    @Test
    void attributeAliasesBecomeCanonicalKeys() {
        assertThat(run("attributes.created > 100"))
                .isEqualTo(comparison(EntityType.ATTRIBUTE, "start_time", Operator.GT, new Literal.Number(100)));
        assertThat(run("attributes.`Run name` = 'x'"))
                .isEqualTo(comparison(EntityType.ATTRIBUTE, "run_name", Operator.EQ, new Literal.Text("x")));
        assertThat(run("status = 'RUNNING'"))
                .isEqualTo(comparison(EntityType.ATTRIBUTE, "status", Operator.EQ, new Literal.Text("RUNNING")));
    }

    @Test
    void runIdAndDatasetsTakeInAndNotInLists() {
        assertThat(run("attributes.run_id IN ('a', \"b\")"))
                .isEqualTo(comparison(
                        EntityType.ATTRIBUTE, "run_id", Operator.IN, new Literal.TextList(List.of("a", "b"))));
        assertThat(run("datasets.digest not in ('x')"))
                .isEqualTo(
                        comparison(EntityType.DATASET, "digest", Operator.NOT_IN, new Literal.TextList(List.of("x"))));
    }

    @Test
    void orBindsLooserThanAndAndParenthesesGroup() {
        Filter a = comparison(EntityType.METRIC, "a", Operator.GT, new Literal.Number(1));
        Filter b = comparison(EntityType.METRIC, "b", Operator.GT, new Literal.Number(1));
        Filter c = comparison(EntityType.METRIC, "c", Operator.GT, new Literal.Number(1));
        assertThat(run("metrics.a > 1 OR metrics.b > 1 AND metrics.c > 1"))
                .isEqualTo(new Filter.Or(List.of(a, new Filter.And(List.of(b, c)))));
        assertThat(run("(metrics.a > 1 or metrics.b > 1) and metrics.c > 1"))
                .isEqualTo(new Filter.And(List.of(new Filter.Or(List.of(a, b)), c)));
    }

    @Test
    void sqlInjectionAttemptsStayInsideStringLiterals() {
        assertThat(run("params.p = '; DROP TABLE runs; --'"))
                .isEqualTo(comparison(EntityType.PARAM, "p", Operator.EQ, new Literal.Text("; DROP TABLE runs; --")));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "metrics.m1 < 'a'",
                "metrics.m1 LIKE 0.5",
                "params.p1 = 1",
                "params.p1 > 'a'",
                "tags.t IN ('a')",
                "attributes.status IN ('A')",
                "attributes.start_time = 'x'",
                "attributes.nope = 'x'",
                "bogus.key = 'x'",
                "datasets.size = 'x'",
                "metrics.m1 <",
                "metrics.m1 0.5",
                "metrics.m1 < 0.5 AND",
                "metrics.m1 < 0.5 params.p = 'a'",
                "(metrics.m1 < 0.5",
                "metrics.m1 < 0.5)",
                "params.p = 'unterminated",
                "params.p = 'a' ; DROP TABLE runs; --",
                "attributes.run_id IN ()",
                "attributes.run_id IN ('a' 'b')",
                "metrics. < 1",
                "metrics.m1 == 1",
                "metrics.m1 < 1.2.3",
                "AND",
                "metrics.m1 ! 1",
                "params.p = 'a' # comment",
            })
    void malformedFiltersAreInvalidParameterValues(String filter) {
        assertThatThrownBy(() -> SearchParser.parseRunFilter(filter))
                .isInstanceOfSatisfying(
                        FlowlineException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }

    @Test
    void errorsNameTheProblem() {
        assertThatThrownBy(() -> SearchParser.parseRunFilter("metrics.m1 < 'a'"))
                .hasMessage("Expected numeric value type for metric. Found 'a'");
        assertThatThrownBy(() -> SearchParser.parseRunFilter("params.p1 = 1"))
                .hasMessage("Expected a quoted string value for parameter (e.g. 'my-value'). Got value 1");
        assertThatThrownBy(() -> SearchParser.parseRunFilter("bogus.key = 'x'"))
                .hasMessage("Invalid entity type 'bogus'. Valid values are ['metric', 'parameter', 'tag', 'attribute',"
                        + " 'dataset']");
        assertThatThrownBy(() -> SearchParser.parseRunFilter("params.p1 > 'a'"))
                .hasMessageContaining("Invalid comparator '>'");
    }

    @Test
    void valueTypeErrorsUseMlflowsWording() {
        assertThatThrownBy(() -> SearchParser.parseRunFilter("tags.t = 1.5"))
                .hasMessage("Expected a quoted string value for tag (e.g. 'my-value'). Got value 1.5");
        assertThatThrownBy(() -> SearchParser.parseRunFilter("attributes.start_time > 'yesterday'"))
                .hasMessage("Expected numeric value type for numeric attribute: start_time. Found 'yesterday'");
        assertThatThrownBy(() -> SearchParser.parseRunFilter("attributes.status = 1"))
                .hasMessage("Expected a quoted string value for attributes. Got value 1");
        assertThatThrownBy(() -> SearchParser.parseRunFilter("status IN ('RUNNING', 'FAILED')"))
                .hasMessage("Only the 'run_id' attribute supports comparison with a list of quoted string values.");
        assertThatThrownBy(() -> SearchParser.parseRunFilter("datasets.digest = 5"))
                .hasMessage("Expected a quoted string value for dataset attributes. Got value 5");
        assertThatThrownBy(() -> SearchParser.parseRunFilter("metrics.m LIKE 'a%'"))
                .hasMessage("Expected numeric value type for metric. Found 'a%'");
    }

    @Test
    void entityPrefixesAreLowerCaseAndExperimentsTakeOnlyMlflowsThree() {
        assertThatThrownBy(() -> SearchParser.parseRunFilter("Metrics.m > 1"))
                .hasMessageStartingWith("Invalid entity type 'Metrics'.");
        assertThatThrownBy(() -> SearchParser.parseExperimentFilter("attributes.name = 'a'"))
                .hasMessage("Invalid entity type 'attributes'. Valid entity types are ('attribute', 'tag', 'tags')");
        assertThat(SearchParser.parseExperimentFilter("attribute.name = 'a'")).isPresent();
    }

    @Test
    void attributeKeysAreMlflowsCaseSensitiveOnesAndExperimentIdsOnlyOrder() {
        assertThat(SearchParser.parseRunFilter("Created > 5 AND `Run Name` = 'a'"))
                .isPresent();
        assertThatThrownBy(() -> SearchParser.parseRunFilter("START_TIME > 5"))
                .hasMessageStartingWith("Invalid attribute key 'START_TIME' specified. Valid keys are '{'Created', ");
        assertThatThrownBy(() -> SearchParser.parseExperimentFilter("experiment_id = '1'"))
                .hasMessage("Invalid attribute key 'experiment_id' specified. Valid keys are"
                        + " '{'creation_time', 'last_update_time', 'name'}'");
        assertThat(SearchParser.parseExperimentOrderBy(List.of("experiment_id DESC")))
                .containsExactly(new OrderBy(new Field(EntityType.ATTRIBUTE, "experiment_id"), false));
    }

    @Test
    void listsOfOtherThanQuotedStringsFailWithMlflowsMessages() {
        assertThatThrownBy(() -> SearchParser.parseRunFilter("run_id IN ()"))
                .hasMessage("While parsing a list in the query, expected a non-empty list of string values, but got"
                        + " empty list");
        assertThatThrownBy(() -> SearchParser.parseRunFilter("run_id IN (1)"))
                .hasMessage("While parsing a list in the query, expected a non-empty list of string values, but got"
                        + " ill-formed list.");
        assertThatThrownBy(() -> SearchParser.parseRunFilter("run_id IN ('a', 2)"))
                .hasMessage("While parsing a list in the query, expected string value, punctuation, or whitespace, but"
                        + " got different type in list: ('a', 2)");
    }

    @Test
    void deeplyNestedFiltersAreRefusedNotOverflowed() {
        String filter = "(".repeat(10_000) + "metrics.a > 1" + ")".repeat(10_000);
        assertThatThrownBy(() -> SearchParser.parseRunFilter(filter))
                .isInstanceOf(FlowlineException.class)
                .hasMessageContaining("nested");
    }

    @Test
    void orderByClausesParseWithDirection() {
        assertThat(SearchParser.parseRunOrderBy(
                        List.of("metrics.`m 2` DESC", "params.p1", "start_time asc", "attributes.created")))
                .containsExactly(
                        new OrderBy(new Field(EntityType.METRIC, "m 2"), false),
                        new OrderBy(new Field(EntityType.PARAM, "p1"), true),
                        new OrderBy(new Field(EntityType.ATTRIBUTE, "start_time"), true),
                        new OrderBy(new Field(EntityType.ATTRIBUTE, "start_time"), true));
        assertThat(SearchParser.parseRunOrderBy(null)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "metrics.m DESC extra", "metrics.m sideways", "datasets.name", "nope", "metrics.m = 1"})
    void malformedOrderByClausesAreInvalidParameterValues(String clause) {
        assertThatThrownBy(() -> SearchParser.parseRunOrderBy(List.of(clause)))
                .isInstanceOfSatisfying(
                        FlowlineException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }

    @Test
    void orderByDirectionIsCaseInsensitiveAndAnUnknownOneIsNamedAsMlflowDoes() {
        assertThat(SearchParser.parseRunOrderBy(List.of("metrics.m desc", "tags.`a b` Asc")))
                .containsExactly(
                        new OrderBy(new Field(EntityType.METRIC, "m"), false),
                        new OrderBy(new Field(EntityType.TAG, "a b"), true));
        assertThatThrownBy(() -> SearchParser.parseRunOrderBy(List.of("metrics.m sideways")))
                .hasMessage("Invalid ordering key in order_by clause 'metrics.m sideways'.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"tags.team", "tags.`a b` DESC", "tag.team ASC"})
    void experimentsAreOrderedOnlyByAttributes(String clause) {
        assertThatThrownBy(() -> SearchParser.parseExperimentOrderBy(List.of(clause)))
                .isInstanceOfSatisfying(FlowlineException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
                    assertThat(e.getMessage()).isEqualTo("Invalid order_by entity: tag");
                });
    }

    @Test
    void runsAreNotOrderedByDatasets() {
        assertThatThrownBy(() -> SearchParser.parseRunOrderBy(List.of("datasets.name")))
                .hasMessage("Invalid identifier type 'dataset'");
    }

    @Test
    void experimentFiltersCoverNameTimesAndTags() {
        assertThat(SearchParser.parseExperimentFilter("name ILIKE '%exp%' and creation_time > 5 and tags.team = 'a'")
                        .orElseThrow())
                .isEqualTo(new Filter.And(List.of(
                        comparison(EntityType.ATTRIBUTE, "name", Operator.ILIKE, new Literal.Text("%exp%")),
                        comparison(EntityType.ATTRIBUTE, "creation_time", Operator.GT, new Literal.Number(5)),
                        comparison(EntityType.TAG, "team", Operator.EQ, new Literal.Text("a")))));
        assertThatThrownBy(() -> SearchParser.parseExperimentFilter("metrics.a > 1"))
                .isInstanceOf(FlowlineException.class);
        assertThatThrownBy(() -> SearchParser.parseExperimentFilter("name > 'a'"))
                .isInstanceOf(FlowlineException.class);
        assertThat(SearchParser.parseExperimentOrderBy(List.of("last_update_time DESC", "name")))
                .containsExactly(
                        new OrderBy(new Field(EntityType.ATTRIBUTE, "last_update_time"), false),
                        new OrderBy(new Field(EntityType.ATTRIBUTE, "name"), true));
    }
}

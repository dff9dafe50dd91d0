package dev.flowline.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.search.EntityType;
import dev.flowline.core.search.Field;
import dev.flowline.core.search.Filter;
import dev.flowline.core.search.Literal;
import dev.flowline.core.search.Operator;
import dev.flowline.core.search.OrderBy;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrySearchParserTest {

    @Test
    void parsesAConjunctionOfNameAndQuotedTagKeys() {
        Filter filter = RegistrySearchParser.parseModelFilter(
                        "name LIKE 'wine%' and tags.`my key` = \"x\" AND tag.t != 'its'")
                .orElseThrow();

        assertThat(filter)
                .isEqualTo(new Filter.And(List.of(
                        new Filter.Comparison(
                                new Field(EntityType.ATTRIBUTE, "name"), Operator.LIKE, new Literal.Text("wine%")),
                        new Filter.Comparison(new Field(EntityType.TAG, "my key"), Operator.EQ, new Literal.Text("x")),
                        new Filter.Comparison(new Field(EntityType.TAG, "t"), Operator.NE, new Literal.Text("its")))));
    }

    @Test
    void parsesVersionNumbersAndRunIdLists() {
        Filter filter = RegistrySearchParser.parseVersionFilter("version_number >= 3 AND run_id IN ('a', 'b')")
                .orElseThrow();

        assertThat(filter)
                .isEqualTo(new Filter.And(List.of(
                        new Filter.Comparison(
                                new Field(EntityType.ATTRIBUTE, "version_number"), Operator.GE, new Literal.Number(3)),
                        new Filter.Comparison(
                                new Field(EntityType.ATTRIBUTE, "run_id"),
                                Operator.IN,
                                new Literal.TextList(List.of("a", "b"))))));
    }

    @Test
    void anEmptyFilterMatchesEverything() {
        assertThat(RegistrySearchParser.parseModelFilter("  ")).isEmpty();
        assertThat(RegistrySearchParser.parseVersionFilter(null)).isEmpty();
    }

    @Test
    void rejectsWhatMlflowRejects() {
        assertInvalid(
                () -> RegistrySearchParser.parseModelFilter("run_id = 'a'"),
                "Invalid attribute key 'run_id' specified.");
        assertInvalid(() -> RegistrySearchParser.parseModelFilter("name < 'a'"), "Invalid comparator for attribute: <");
        assertInvalid(() -> RegistrySearchParser.parseModelFilter("tags.a > 'b'"), "Invalid comparator for tag: >");
        assertInvalid(
                () -> RegistrySearchParser.parseModelFilter("name = 3"),
                "Expected a quoted string value for attributes.");
        assertInvalid(
                () -> RegistrySearchParser.parseVersionFilter("version_number = 'x'"), "Expected an integer value");
        assertInvalid(
                () -> RegistrySearchParser.parseVersionFilter("source_path IN ('a')"),
                "Invalid comparator for attribute: IN");
        assertInvalid(() -> RegistrySearchParser.parseModelFilter("name = 'a' OR name = 'b'"), "Invalid clause(s)");
        assertInvalid(() -> RegistrySearchParser.parseModelFilter("name = 'a' AND"), "Invalid clause(s)");
        assertInvalid(() -> RegistrySearchParser.parseModelFilter("name ="), "Invalid clause(s)");
        assertInvalid(() -> RegistrySearchParser.parseModelFilter("name = 'open"), "Invalid filter");
        assertInvalid(() -> RegistrySearchParser.parseVersionFilter("run_id IN ('a', 3)"), "While parsing a list");
    }

    @Test
    void orderByReadsMlflowsKeysAndDirections() {
        assertThat(RegistrySearchParser.parseModelOrderBy(List.of("timestamp DESC", "name")))
                .containsExactly(
                        new OrderBy(new Field(EntityType.ATTRIBUTE, "last_updated_timestamp"), false),
                        new OrderBy(new Field(EntityType.ATTRIBUTE, "name"), true));
        assertThat(RegistrySearchParser.parseVersionOrderBy(List.of("version_number asc")))
                .containsExactly(new OrderBy(new Field(EntityType.ATTRIBUTE, "version_number"), true));
        assertInvalid(
                () -> RegistrySearchParser.parseModelOrderBy(List.of("version_number")),
                "Invalid order by key 'version_number'");
        assertInvalid(
                () -> RegistrySearchParser.parseModelOrderBy(List.of("name DESC", "name")),
                "`order_by` contains duplicate fields");
        assertInvalid(
                () -> RegistrySearchParser.parseModelOrderBy(List.of("name sideways")),
                "Invalid order_by clause 'name sideways'");
    }

    private static void assertInvalid(Runnable call, String messageStart) {
        assertThatThrownBy(call::run).isInstanceOf(FlowlineException.class).hasMessageStartingWith(messageStart);
    }
}

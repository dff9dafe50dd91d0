package dev.flowline.core.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.search.EntityType;
import dev.flowline.core.search.Field;
import dev.flowline.core.search.Filter;
import dev.flowline.core.search.Literal;
import dev.flowline.core.search.Operator;
import dev.flowline.core.search.OrderBy;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceSearchParserTest {
    private static Filter.Comparison only(String filter) {
        return (Filter.Comparison) TraceSearchParser.parseFilter(filter).orElseThrow();
    }

    private static String failure(String filter) {
        return message(() -> TraceSearchParser.parseFilter(filter));
    }

    private static String orderFailure(String... clauses) {
        return message(() -> TraceSearchParser.parseOrderBy(List.of(clauses)));
    }

    private static String message(Runnable parse) {
        try {
            parse.run();
        } catch (FlowlineException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE);
            return e.getMessage();
        }
        throw new AssertionError("expected INVALID_PARAMETER_VALUE");
    }

    @Test
    void aliasesStandForTheirTagMetadataOrAttribute() {
        assertThat(only("name = 'predict'").field()).isEqualTo(new Field(EntityType.TAG, "mlflow.traceName"));
        assertThat(only("attributes.run_id != 'r1'").field())
                .isEqualTo(new Field(EntityType.REQUEST_METADATA, "mlflow.sourceRun"));
        assertThat(only("timestamp > 5").field()).isEqualTo(new Field(EntityType.ATTRIBUTE, "timestamp_ms"));
        assertThat(only("trace.execution_time <= 5").field())
                .isEqualTo(new Field(EntityType.ATTRIBUTE, "execution_time_ms"));
        assertThat(only("metadata.`a key` = 'v'").field()).isEqualTo(new Field(EntityType.REQUEST_METADATA, "a key"));
        assertThat(only("tags.\"a.b\" = 'v'").field()).isEqualTo(new Field(EntityType.TAG, "a.b"));
    }

    @Test
    void aQuotedNumberComparedWithATimeIsTheNumber() {
        assertThat(only("timestamp_ms >= '1500'").value()).isEqualTo(new Literal.Number(1500));
        assertThat(only("status IN ('OK', 'ERROR')").op()).isEqualTo(Operator.IN);
        assertThat(TraceSearchParser.parseFilter(" ")).isEmpty();
        assertThat(TraceSearchParser.parseFilter("status = 'OK' and tags.a = 'b'")
                        .orElseThrow())
                .isInstanceOf(Filter.And.class);
    }

    @Test
    void badFiltersFailWithMlflowsMessages() {
        assertThat(failure("tags.a LIKE 'x%'")).isEqualTo("Invalid comparator 'LIKE' not one of '{'!=', '='}");
        assertThat(failure("metadata.a IN ('x')"))
                .isEqualTo("Expected a quoted string value for request_metadata (e.g. 'my-value'). Got value [x]");
        assertThat(failure("request_metadata.a > 'x'")).isEqualTo("Invalid comparator '>' not one of '{'!=', '='}'");
        assertThat(failure("tags.a = 5"))
                .isEqualTo("Expected a quoted string value for tag (e.g. 'my-value'). Got value 5");
        assertThat(failure("status > 'OK'"))
                .isEqualTo("Invalid comparator '>' not one of '{'!=', '=', 'IN', 'NOT IN'}'");
        assertThat(failure("timestamp_ms IN ('1')"))
                .isEqualTo("Only attributes in {'name', 'status', 'request_id', 'run_id'} supports comparison with a"
                        + " list of quoted string values.");
        assertThat(failure("execution_time_ms LIKE 5"))
                .isEqualTo("Invalid comparator 'LIKE' not one of '{'!=', '=', 'IN', 'NOT IN'}");
        assertThat(failure("name = 1"))
                .isEqualTo("Only the '{'timestamp_ms', 'timestamp', 'execution_time_ms', 'execution_time'}' attributes"
                        + " support comparison with numeric values.");
        assertThat(failure("name IN ('a')")).isEqualTo("Invalid comparator 'IN' not one of '{'!=', '='}");
        assertThat(failure("metrics.a = 1")).startsWith("Invalid entity type 'metrics'. Valid values are {'tag', ");
        assertThat(failure("experiment_id = '1'")).startsWith("Invalid attribute key 'experiment_id' specified.");
        assertThat(failure("status = 'OK' OR status = 'ERROR'"))
                .isEqualTo("Invalid clause(s) in filter string: 'status = 'OK' OR status = 'ERROR''");
        assertThat(failure("(status = 'OK')")).startsWith("Invalid clause(s) in filter string");
        assertThat(failure("status = OK"))
                .isEqualTo("Parameter value is either not quoted or unidentified quote types used for string value OK."
                        + " Use either single or double quotes.");
    }

    @Test
    void orderByAppendsMlflowsTieBreakersUnlessPresent() {
        Field timestamp = new Field(EntityType.ATTRIBUTE, "timestamp_ms");
        Field requestId = new Field(EntityType.ATTRIBUTE, "request_id");

        assertThat(TraceSearchParser.parseOrderBy(List.of()))
                .containsExactly(new OrderBy(timestamp, false), new OrderBy(requestId, true));
        assertThat(TraceSearchParser.parseOrderBy(List.of("name DESC", "timestamp asc")))
                .containsExactly(
                        new OrderBy(new Field(EntityType.TAG, "mlflow.traceName"), false),
                        new OrderBy(timestamp, true),
                        new OrderBy(requestId, true));
        assertThat(TraceSearchParser.parseOrderBy(List.of("request_id DESC", "experiment_id")))
                .containsExactly(
                        new OrderBy(requestId, false),
                        new OrderBy(new Field(EntityType.ATTRIBUTE, "experiment_id"), true),
                        new OrderBy(timestamp, false));
    }

    @Test
    void badOrderByClausesFailWithMlflowsMessages() {
        assertThat(orderFailure("timestamp_ms", "timestamp DESC"))
                .isEqualTo("`order_by` contains duplicate fields: ['timestamp_ms', 'timestamp DESC']");
        assertThat(orderFailure("status sideways"))
                .isEqualTo("Invalid ordering key in order_by clause 'status sideways'.");
        assertThat(orderFailure("status ASC extra"))
                .isEqualTo("Invalid order_by clause 'status ASC extra'. Could not be parsed.");
        assertThat(orderFailure("'status'")).isEqualTo("Invalid order_by clause ''status''. Could not be parsed.");
        assertThat(orderFailure("color")).startsWith("Invalid attribute key 'color' specified.");
        assertThatThrownBy(() -> TraceSearchParser.parseOrderBy(List.of("params.a")))
                .isInstanceOf(FlowlineException.class);
    }

    @Test
    void theArtifactLocationIsJoinedIntoTheLocationsPath() {
        assertThat(TraceService.artifactLocation("mlflow-artifacts:/1", "tr-a"))
                .isEqualTo("mlflow-artifacts:/1/traces/tr-a/artifacts");
        assertThat(TraceService.artifactLocation("s3://bucket/root/", "tr-a"))
                .isEqualTo("s3://bucket/root/traces/tr-a/artifacts");
        assertThat(TraceService.artifactLocation("https://host/p?x=1", "tr-a"))
                .isEqualTo("https://host/p/traces/tr-a/artifacts?x=1");
    }
}

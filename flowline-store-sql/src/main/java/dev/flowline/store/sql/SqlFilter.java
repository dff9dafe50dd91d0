package dev.flowline.store.sql;

import dev.flowline.core.search.Field;
import dev.flowline.core.search.Filter;
import dev.flowline.core.search.Literal;
import dev.flowline.core.search.Operator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Translates a parsed search filter into a SQL condition whose every value is a bind parameter. What a field
 * means in SQL (a column, an EXISTS over a key/value table) is up to the {@link FieldSql} of the entity searched.
 */
final class SqlFilter {

    /** How a searched entity's fields become SQL. */
    interface FieldSql {
        /** A condition for {@code field op value}; use {@code sql.compare} for the comparison itself. */
        String condition(SqlFilter sql, Field field, Operator op, Literal value);
    }

    private final SqlDialect dialect;
    private final FieldSql fields;
    private final Map<String, Object> binds = new HashMap<>();

    SqlFilter(SqlDialect dialect, FieldSql fields) {
        this.dialect = dialect;
        this.fields = fields;
    }

    /** The SQL condition for the filter; its parameters are in {@link #binds()}. */
    String translate(Filter filter) {
        return switch (filter) {
            case Filter.Comparison c -> fields.condition(this, c.field(), c.op(), c.value());
            case Filter.And and -> join(and.parts(), " AND ");
            case Filter.Or or -> join(or.parts(), " OR ");
        };
    }

    private String join(List<Filter> parts, String operator) {
        return parts.stream().map(p -> "(" + translate(p) + ")").collect(Collectors.joining(operator));
    }

    /** A new bind parameter holding the value, as {@code :name}. */
    String bind(Object value) {
        String name = "f" + binds.size();
        binds.put(name, value);
        return ":" + name;
    }

    Map<String, Object> binds() {
        return binds;
    }

    /** {@code expression op value} with the value bound; numbers bind as integers when integral. */
    String compare(String expression, Operator op, Literal value) {
        return switch (op) {
            case LIKE -> dialect.like(expression, bind(scalar(value)));
            case ILIKE -> dialect.ilike(expression, bind(scalar(value)));
            case IN, NOT_IN ->
                expression + (op == Operator.IN ? " IN (" : " NOT IN (")
                        + ((Literal.TextList) value)
                                .values().stream().map(this::bind).collect(Collectors.joining(", ")) + ")";
            case EQ, NE, LT, LE, GT, GE ->
                expression + " " + (op == Operator.NE ? "<>" : op.symbol()) + " " + bind(scalar(value));
        };
    }

    private static Object scalar(Literal value) {
        return switch (value) {
            case Literal.Text text -> text.value();
            case Literal.Number number ->
                number.value() == Math.rint(number.value()) && Math.abs(number.value()) < 1e18
                        ? (Object) (long) number.value()
                        : (Object) number.value();
            case Literal.TextList list -> throw new IllegalArgumentException("A list is not a scalar: " + list);
        };
    }

    /** {@code expression op number} as a double comparison, for metric values. */
    String compareDouble(String expression, Operator op, Literal value) {
        double number = ((Literal.Number) value).value();
        return expression + " " + (op == Operator.NE ? "<>" : op.symbol()) + " " + bind(number);
    }
}

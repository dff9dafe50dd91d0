package dev.flowline.core.registry;

import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.search.EntityType;
import dev.flowline.core.search.Field;
import dev.flowline.core.search.Filter;
import dev.flowline.core.search.Literal;
import dev.flowline.core.search.Operator;
import dev.flowline.core.search.OrderBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MLflow's filter and {@code order_by} grammar for registry searches: a conjunction ({@code AND}) of
 * comparisons of {@code name}, {@code tags.<key>} and, for model versions, {@code version_number},
 * {@code run_id} and {@code source_path}, against quoted strings or numbers. Failures are
 * INVALID_PARAMETER_VALUE naming the problem.
 */
public final class RegistrySearchParser {
    static final String NAME = "name";
    static final String VERSION_NUMBER = "version_number";
    static final String RUN_ID = "run_id";
    static final String SOURCE_PATH = "source_path";
    static final String CREATION_TIMESTAMP = "creation_timestamp";
    static final String LAST_UPDATED_TIMESTAMP = "last_updated_timestamp";

    private static final Set<Operator> STRING_OPERATORS = Set.of(Operator.EQ, Operator.NE, Operator.LIKE, Operator.ILIKE);
    private static final Set<Operator> NUMERIC_OPERATORS =
            Set.of(Operator.EQ, Operator.NE, Operator.LT, Operator.LE, Operator.GT, Operator.GE);
    private static final Set<String> ATTRIBUTE_PREFIXES = Set.of("attribute", "attributes", "attr");
    private static final Set<String> TAG_PREFIXES = Set.of("tag", "tags");

    private static final Map<String, String> MODEL_ORDER_KEYS = Map.of(
            NAME, NAME,
            "timestamp", LAST_UPDATED_TIMESTAMP,
            LAST_UPDATED_TIMESTAMP, LAST_UPDATED_TIMESTAMP,
            CREATION_TIMESTAMP, CREATION_TIMESTAMP);
    private static final Map<String, String> VERSION_ORDER_KEYS = Map.of(
            NAME, NAME,
            VERSION_NUMBER, VERSION_NUMBER,
            CREATION_TIMESTAMP, CREATION_TIMESTAMP,
            LAST_UPDATED_TIMESTAMP, LAST_UPDATED_TIMESTAMP);

    private RegistrySearchParser() {
    }

    /** A registered-model filter: {@code name} and {@code tags.*} with {@code = != LIKE ILIKE}. */
    public static Optional<Filter> parseModelFilter(String filter) {
        return parse(filter, false);
    }

    /** A model-version filter: also {@code version_number} (numeric), {@code run_id} (with IN) and {@code source_path}. */
    public static Optional<Filter> parseVersionFilter(String filter) {
        return parse(filter, true);
    }

    /** Registered-model order: {@code name}, {@code timestamp}/{@code last_updated_timestamp}, {@code creation_timestamp}. */
    public static List<OrderBy> parseModelOrderBy(List<String> clauses) {
        return orderBy(clauses, MODEL_ORDER_KEYS, "['name', 'timestamp', 'last_updated_timestamp', 'creation_timestamp']");
    }

    /** Model-version order: {@code name}, {@code version_number}, {@code creation_timestamp}, {@code last_updated_timestamp}. */
    public static List<OrderBy> parseVersionOrderBy(List<String> clauses) {
        return orderBy(clauses, VERSION_ORDER_KEYS,
                "['name', 'version_number', 'creation_timestamp', 'last_updated_timestamp']");
    }

    private static Optional<Filter> parse(String filter, boolean versions) {
        if (filter == null || filter.isBlank()) {
            return Optional.empty();
        }
        List<SearchToken> tokens = SearchToken.tokenize(filter);
        List<Filter> parts = new ArrayList<>();
        int i = 0;
        while (true) {
            int consumed = comparison(filter, tokens, i, versions, parts);
            i += consumed;
            if (i == tokens.size()) {
                break;
            }
            if (!tokens.get(i).isWord("AND")) {
                throw invalidClause(filter);
            }
            i++;
        }
        return Optional.of(parts.size() == 1 ? parts.getFirst() : new Filter.And(parts));
    }

    private static int comparison(String filter, List<SearchToken> tokens, int start, boolean versions, List<Filter> out) {
        if (start + 2 >= tokens.size() || tokens.get(start).kind() != SearchToken.Kind.IDENTIFIER) {
            throw invalidClause(filter);
        }
        Field field = field(tokens.get(start).text(), versions);
        int at = start + 1;
        if (at >= tokens.size()) {
            throw invalidClause(filter);
        }
        Operator op;
        SearchToken opToken = tokens.get(at);
        if (opToken.isWord("NOT") && at + 1 < tokens.size() && tokens.get(at + 1).isWord("IN")) {
            op = Operator.NOT_IN;
            at += 2;
        } else {
            op = operator(filter, opToken);
            at++;
        }
        if (at >= tokens.size()) {
            throw invalidClause(filter);
        }
        Literal value;
        if (op == Operator.IN || op == Operator.NOT_IN) {
            List<String> values = new ArrayList<>();
            at = list(filter, tokens, at, values);
            value = new Literal.TextList(values);
        } else {
            value = tokens.get(at).literal(filter);
            at++;
        }
        out.add(check(field, op, value));
        return at - start;
    }

    private static int list(String filter, List<SearchToken> tokens, int at, List<String> values) {
        if (tokens.get(at).kind() != SearchToken.Kind.OPEN) {
            throw FlowlineException.invalidParameter("While parsing a list in the query, expected a parenthesised list "
                    + "of quoted strings, got '%s' in filter '%s'", tokens.get(at).text(), filter);
        }
        at++;
        while (at < tokens.size()) {
            SearchToken token = tokens.get(at);
            if (token.kind() != SearchToken.Kind.STRING) {
                throw FlowlineException.invalidParameter("While parsing a list in the query, expected string value, "
                        + "punctuation, or whitespace, but got different type in list: '%s'", token.text());
            }
            values.add(token.text());
            at++;
            if (at < tokens.size() && tokens.get(at).kind() == SearchToken.Kind.COMMA) {
                at++;
            } else if (at < tokens.size() && tokens.get(at).kind() == SearchToken.Kind.CLOSE) {
                return at + 1;
            } else {
                break;
            }
        }
        throw invalidClause(filter);
    }

    private static Operator operator(String filter, SearchToken token) {
        String text = token.text().toUpperCase(Locale.ROOT);
        return switch (text) {
            case "=", "==" -> Operator.EQ;
            case "!=", "<>" -> Operator.NE;
            case "<" -> Operator.LT;
            case "<=" -> Operator.LE;
            case ">" -> Operator.GT;
            case ">=" -> Operator.GE;
            case "LIKE" -> Operator.LIKE;
            case "ILIKE" -> Operator.ILIKE;
            case "IN" -> Operator.IN;
            default -> throw invalidClause(filter);
        };
    }

    private static Field field(String identifier, boolean versions) {
        int dot = identifier.indexOf('.');
        String prefix = dot < 0 ? null : identifier.substring(0, dot).toLowerCase(Locale.ROOT);
        if (prefix != null && TAG_PREFIXES.contains(prefix)) {
            String key = SearchToken.unquote(identifier.substring(dot + 1));
            return new Field(EntityType.TAG, key);
        }
        String key = prefix != null && ATTRIBUTE_PREFIXES.contains(prefix)
                ? SearchToken.unquote(identifier.substring(dot + 1)) : SearchToken.unquote(identifier);
        Set<String> valid = versions ? Set.of(NAME, VERSION_NUMBER, RUN_ID, SOURCE_PATH) : Set.of(NAME);
        if (!valid.contains(key)) {
            throw FlowlineException.invalidParameter("Invalid attribute key '%s' specified. Valid keys are '%s'",
                    key, versions ? "{'name', 'version_number', 'run_id', 'source_path'}" : "{'name'}");
        }
        return new Field(EntityType.ATTRIBUTE, key);
    }

    private static Filter check(Field field, Operator op, Literal value) {
        if (field.type() == EntityType.TAG) {
            if (!STRING_OPERATORS.contains(op)) {
                throw FlowlineException.invalidParameter("Invalid comparator for tag: %s", op.symbol());
            }
            if (!(value instanceof Literal.Text)) {
                throw FlowlineException.invalidParameter("Expected a quoted string value for tag '%s'. Got value %s",
                        field.key(), describe(value));
            }
        } else if (field.key().equals(VERSION_NUMBER)) {
            if (!NUMERIC_OPERATORS.contains(op)) {
                throw FlowlineException.invalidParameter("Invalid comparator for attribute %s: %s", field.key(), op.symbol());
            }
            if (!(value instanceof Literal.Number number) || number.value() != Math.rint(number.value())) {
                throw FlowlineException.invalidParameter("Expected an integer value for attribute %s. Got value %s",
                        field.key(), describe(value));
            }
        } else {
            boolean in = op == Operator.IN && field.key().equals(RUN_ID);
            if (!STRING_OPERATORS.contains(op) && !in) {
                throw FlowlineException.invalidParameter("Invalid comparator for attribute: %s", op.symbol());
            }
            if (!in && !(value instanceof Literal.Text)) {
                throw FlowlineException.invalidParameter("Expected a quoted string value for attributes. Got value %s",
                        describe(value));
            }
        }
        return new Filter.Comparison(field, op, value);
    }

    private static String describe(Literal value) {
        return switch (value) {
            case Literal.Text text -> text.value();
            case Literal.Number number -> SearchToken.formatNumber(number.value());
            case Literal.TextList list -> list.values().toString();
        };
    }

    private static List<OrderBy> orderBy(List<String> clauses, Map<String, String> keys, String validKeys) {
        List<OrderBy> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String clause : clauses == null ? List.<String>of() : clauses) {
            List<SearchToken> tokens = SearchToken.tokenize(clause == null ? "" : clause);
            if (tokens.isEmpty() || tokens.size() > 2 || tokens.getFirst().kind() != SearchToken.Kind.IDENTIFIER
                    || tokens.size() == 2 && !(tokens.get(1).isWord("ASC") || tokens.get(1).isWord("DESC"))) {
                throw FlowlineException.invalidParameter("Invalid order_by clause '%s'. Could not be parsed.", clause);
            }
            String raw = tokens.getFirst().text();
            int dot = raw.indexOf('.');
            if (dot > 0 && ATTRIBUTE_PREFIXES.contains(raw.substring(0, dot).toLowerCase(Locale.ROOT))) {
                raw = raw.substring(dot + 1);
            }
            String key = keys.get(SearchToken.unquote(raw));
            if (key == null) {
                throw FlowlineException.invalidParameter("Invalid order by key '%s' specified. Valid keys are %s",
                        SearchToken.unquote(raw), validKeys);
            }
            if (!seen.add(key)) {
                throw FlowlineException.invalidParameter("`order_by` contains duplicate fields: %s", clauses);
            }
            result.add(new OrderBy(new Field(EntityType.ATTRIBUTE, key), tokens.size() == 1 || tokens.get(1).isWord("ASC")));
        }
        return result;
    }

    private static FlowlineException invalidClause(String filter) {
        return FlowlineException.invalidParameter("Invalid clause(s) in filter string: '%s'. "
                + "Filters are comparisons such as name = 'model' or tags.key LIKE 'val%%' joined by AND", filter);
    }
}

package dev.flowline.core.registry;

import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.search.EntityType;
import dev.flowline.core.search.Field;
import dev.flowline.core.search.Filter;
import dev.flowline.core.search.Literal;
import dev.flowline.core.search.Operator;
import dev.flowline.core.search.OrderBy;
import dev.flowline.core.search.SearchLexer;
import dev.flowline.core.search.SearchLexer.Kind;
import dev.flowline.core.search.SearchLexer.Token;
import dev.flowline.core.search.TokenStream;
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

    private static final Set<Operator> STRING_OPERATORS =
            Set.of(Operator.EQ, Operator.NE, Operator.LIKE, Operator.ILIKE);
    private static final Set<Operator> NUMERIC_OPERATORS =
            Set.of(Operator.EQ, Operator.NE, Operator.LT, Operator.LE, Operator.GT, Operator.GE);
    private static final Set<String> ATTRIBUTE_PREFIXES = Set.of("attribute", "attributes", "attr");
    private static final Set<String> TAG_PREFIXES = Set.of("tag", "tags");

    private static final Map<String, String> MODEL_ORDER_KEYS = Map.of(
            NAME,
            NAME,
            "timestamp",
            LAST_UPDATED_TIMESTAMP,
            LAST_UPDATED_TIMESTAMP,
            LAST_UPDATED_TIMESTAMP,
            CREATION_TIMESTAMP,
            CREATION_TIMESTAMP);
    private static final Map<String, String> VERSION_ORDER_KEYS = Map.of(
            NAME, NAME,
            VERSION_NUMBER, VERSION_NUMBER,
            CREATION_TIMESTAMP, CREATION_TIMESTAMP,
            LAST_UPDATED_TIMESTAMP, LAST_UPDATED_TIMESTAMP);

    private RegistrySearchParser() {}

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
        return orderBy(
                clauses, MODEL_ORDER_KEYS, "['name', 'timestamp', 'last_updated_timestamp', 'creation_timestamp']");
    }

    /** Model-version order: {@code name}, {@code version_number}, {@code creation_timestamp}, {@code last_updated_timestamp}. */
    public static List<OrderBy> parseVersionOrderBy(List<String> clauses) {
        return orderBy(
                clauses,
                VERSION_ORDER_KEYS,
                "['name', 'version_number', 'creation_timestamp', 'last_updated_timestamp']");
    }

    private static Optional<Filter> parse(String filter, boolean versions) {
        if (filter == null || filter.isBlank()) {
            return Optional.empty();
        }
        TokenStream tokens = new TokenStream(filter);
        List<Filter> parts = new ArrayList<>();
        parts.add(comparison(tokens, versions));
        while (tokens.peek().isWord("AND")) {
            tokens.next();
            parts.add(comparison(tokens, versions));
        }
        if (tokens.peek().kind() != Kind.END) {
            throw invalidClause(filter);
        }
        return Optional.of(parts.size() == 1 ? parts.getFirst() : new Filter.And(parts));
    }

    private static Filter comparison(TokenStream tokens, boolean versions) {
        Field field = field(tokens, versions);
        Operator op = tokens.operator(() -> invalidClause(tokens.input()));
        Literal value = op == Operator.IN || op == Operator.NOT_IN
                ? tokens.textList(() -> invalidClause(tokens.input()))
                : tokens.scalar(
                        word -> FlowlineException.invalidParameter(
                                "Expected a quoted string value or a number, got '%s' in filter '%s'",
                                word, tokens.input()),
                        () -> invalidClause(tokens.input()));
        return check(field, op, value);
    }

    /** {@code name}, {@code attributes.name}, {@code tags.key}, {@code tags.`quoted key`} or {@code tags."quoted key"}. */
    private static Field field(TokenStream tokens, boolean versions) {
        Token token = tokens.next();
        String prefix = null;
        String key;
        if (token.kind() == Kind.BACKTICK || token.kind() == Kind.DOUBLE_QUOTED) {
            key = token.text();
        } else if (token.kind() == Kind.WORD && !isKeyword(token)) {
            int dot = token.text().indexOf('.');
            prefix = dot < 0 ? null : token.text().substring(0, dot).toLowerCase(Locale.ROOT);
            key = dot < 0 ? token.text() : token.text().substring(dot + 1);
            Token quoted = tokens.peek();
            if (key.isEmpty()
                    && quoted.joined()
                    && (quoted.kind() == Kind.BACKTICK || quoted.kind() == Kind.DOUBLE_QUOTED)) {
                key = tokens.next().text();
            }
        } else {
            throw invalidClause(tokens.input());
        }
        if (prefix != null && TAG_PREFIXES.contains(prefix)) {
            return new Field(EntityType.TAG, key);
        }
        if (prefix != null && !ATTRIBUTE_PREFIXES.contains(prefix)) {
            throw FlowlineException.invalidParameter(
                    "Invalid entity type '%s'. Valid values are ['attribute', 'tag']", prefix);
        }
        Set<String> valid = versions ? Set.of(NAME, VERSION_NUMBER, RUN_ID, SOURCE_PATH) : Set.of(NAME);
        if (!valid.contains(key)) {
            throw FlowlineException.invalidParameter(
                    "Invalid attribute key '%s' specified. Valid keys are '%s'",
                    key, versions ? "{'name', 'version_number', 'run_id', 'source_path'}" : "{'name'}");
        }
        return new Field(EntityType.ATTRIBUTE, key);
    }

    private static boolean isKeyword(Token token) {
        return token.isWord("AND")
                || token.isWord("OR")
                || token.isWord("LIKE")
                || token.isWord("ILIKE")
                || token.isWord("IN")
                || token.isWord("NOT");
    }

    private static Filter check(Field field, Operator op, Literal value) {
        if (field.type() == EntityType.TAG) {
            if (!STRING_OPERATORS.contains(op)) {
                throw FlowlineException.invalidParameter("Invalid comparator for tag: %s", op.symbol());
            }
            if (!(value instanceof Literal.Text)) {
                throw FlowlineException.invalidParameter(
                        "Expected a quoted string value for tag '%s'. Got value %s", field.key(), value.describe());
            }
        } else if (field.key().equals(VERSION_NUMBER)) {
            if (!NUMERIC_OPERATORS.contains(op)) {
                throw FlowlineException.invalidParameter(
                        "Invalid comparator for attribute %s: %s", field.key(), op.symbol());
            }
            if (!(value instanceof Literal.Number number) || number.value() != Math.rint(number.value())) {
                throw FlowlineException.invalidParameter(
                        "Expected an integer value for attribute %s. Got value %s", field.key(), value.describe());
            }
        } else {
            boolean in = op == Operator.IN && field.key().equals(RUN_ID);
            if (!STRING_OPERATORS.contains(op) && !in) {
                throw FlowlineException.invalidParameter("Invalid comparator for attribute: %s", op.symbol());
            }
            if (!in && !(value instanceof Literal.Text)) {
                throw FlowlineException.invalidParameter(
                        "Expected a quoted string value for attributes. Got value %s", value.describe());
            }
        }
        return new Filter.Comparison(field, op, value);
    }

    private static List<OrderBy> orderBy(List<String> clauses, Map<String, String> keys, String validKeys) {
        List<OrderBy> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String clause : clauses == null ? List.<String>of() : clauses) {
            List<Token> tokens = SearchLexer.tokens(clause == null ? "" : clause);
            boolean parsed = tokens.size() == 2
                    || tokens.size() == 3
                            && (tokens.get(1).isWord("ASC") || tokens.get(1).isWord("DESC"));
            Token first = tokens.getFirst();
            if (!parsed
                    || !(first.kind() == Kind.WORD
                            || first.kind() == Kind.BACKTICK
                            || first.kind() == Kind.DOUBLE_QUOTED)) {
                throw FlowlineException.invalidParameter("Invalid order_by clause '%s'. Could not be parsed.", clause);
            }
            String raw = first.text();
            int dot = raw.indexOf('.');
            if (first.kind() == Kind.WORD
                    && dot > 0
                    && ATTRIBUTE_PREFIXES.contains(raw.substring(0, dot).toLowerCase(Locale.ROOT))) {
                raw = raw.substring(dot + 1);
            }
            String key = keys.get(raw);
            if (key == null) {
                throw FlowlineException.invalidParameter(
                        "Invalid order by key '%s' specified. Valid keys are %s", raw, validKeys);
            }
            if (!seen.add(key)) {
                throw FlowlineException.invalidParameter("`order_by` contains duplicate fields: %s", clauses);
            }
            result.add(new OrderBy(
                    new Field(EntityType.ATTRIBUTE, key),
                    tokens.size() == 2 || tokens.get(1).isWord("ASC")));
        }
        return result;
    }

    private static FlowlineException invalidClause(String filter) {
        return FlowlineException.invalidParameter(
                "Invalid clause(s) in filter string: '%s'. "
                        + "Filters are comparisons such as name = 'model' or tags.key LIKE 'val%%' joined by AND",
                filter);
    }
}

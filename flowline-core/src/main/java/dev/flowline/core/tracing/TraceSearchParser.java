package dev.flowline.core.tracing;

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
import java.util.stream.Collectors;

/**
 * MLflow's trace search grammar ({@code SearchTraceUtils}) with its messages: a conjunction ({@code AND}) of
 * comparisons of attributes ({@code request_id}, {@code status}, {@code timestamp_ms}/{@code timestamp},
 * {@code execution_time_ms}/{@code execution_time}, and {@code name} and {@code run_id}, which stand for the tag
 * {@code mlflow.traceName} and the metadata {@code mlflow.sourceRun}), {@code tags.<key>} and
 * {@code request_metadata.<key>}, and {@code order_by} clauses over the same keys.
 */
public final class TraceSearchParser {
    static final String TIMESTAMP_MS = "timestamp_ms";
    static final String REQUEST_ID = "request_id";

    private static final Map<String, EntityType> PREFIXES = Map.of(
            "tag", EntityType.TAG,
            "tags", EntityType.TAG,
            "attribute", EntityType.ATTRIBUTE,
            "attributes", EntityType.ATTRIBUTE,
            "trace", EntityType.ATTRIBUTE,
            "request_metadata", EntityType.REQUEST_METADATA,
            "metadata", EntityType.REQUEST_METADATA);
    private static final List<String> PREFIX_NAMES =
            List.of("tag", "request_metadata", "attribute", "tags", "attributes", "trace", "metadata");
    private static final List<String> FILTER_KEYS = List.of(
            "request_id",
            "timestamp",
            "timestamp_ms",
            "execution_time",
            "execution_time_ms",
            "status",
            "name",
            "run_id");
    private static final List<String> ORDER_KEYS = List.of(
            "experiment_id",
            "timestamp",
            "timestamp_ms",
            "execution_time",
            "execution_time_ms",
            "status",
            "request_id",
            "name",
            "run_id");
    private static final List<String> NUMERIC_KEYS =
            List.of("timestamp_ms", "timestamp", "execution_time_ms", "execution_time");
    private static final List<String> LISTABLE_KEYS = List.of("name", "status", "request_id", "run_id");
    /** Keys that stand for a tag or a metadata entry, whatever their prefix. */
    private static final Map<String, Field> KEY_ALIASES = Map.of(
            "name", new Field(EntityType.TAG, "mlflow.traceName"),
            "run_id", new Field(EntityType.REQUEST_METADATA, "mlflow.sourceRun"));
    /** Keys renamed within their own entity type. */
    private static final Map<String, String> RENAMED_KEYS =
            Map.of("timestamp", TIMESTAMP_MS, "execution_time", "execution_time_ms");

    private static final List<Operator> KEY_VALUE_OPERATORS = List.of(Operator.NE, Operator.EQ);
    private static final List<Operator> STRING_OPERATORS =
            List.of(Operator.NE, Operator.EQ, Operator.IN, Operator.NOT_IN);
    private static final List<Operator> NUMERIC_OPERATORS =
            List.of(Operator.GT, Operator.GE, Operator.NE, Operator.EQ, Operator.LT, Operator.LE);

    private TraceSearchParser() {}

    /** The filter, empty when there is none; every failure is INVALID_PARAMETER_VALUE with MLflow's message. */
    public static Optional<Filter> parseFilter(String filter) {
        if (filter == null || filter.isBlank()) {
            return Optional.empty();
        }
        TokenStream tokens = new TokenStream(filter);
        List<Filter> parts = new ArrayList<>();
        parts.add(comparison(tokens));
        while (tokens.peek().isWord("AND")) {
            tokens.next();
            parts.add(comparison(tokens));
        }
        if (tokens.peek().kind() != Kind.END) {
            throw invalidClause(filter);
        }
        return Optional.of(parts.size() == 1 ? parts.getFirst() : new Filter.And(parts));
    }

    /**
     * The clauses in order, keys canonical, followed by {@code timestamp_ms DESC} and {@code request_id ASC} unless
     * the clauses order by them already.
     */
    public static List<OrderBy> parseOrderBy(List<String> clauses) {
        List<OrderBy> result = new ArrayList<>();
        Set<Field> seen = new HashSet<>();
        for (String clause : clauses) {
            List<Token> tokens = SearchLexer.tokens(clause == null ? "" : clause);
            Token first = tokens.getFirst();
            boolean keyToken =
                    first.kind() == Kind.WORD || first.kind() == Kind.BACKTICK || first.kind() == Kind.DOUBLE_QUOTED;
            if (!keyToken
                    || tokens.size() > 3
                    || tokens.size() == 3 && tokens.get(1).kind() != Kind.WORD) {
                throw FlowlineException.invalidParameter("Invalid order_by clause '%s'. Could not be parsed.", clause);
            }
            boolean ascending = true;
            if (tokens.size() == 3) {
                if (!tokens.get(1).isWord("ASC") && !tokens.get(1).isWord("DESC")) {
                    throw FlowlineException.invalidParameter("Invalid ordering key in order_by clause '%s'.", clause);
                }
                ascending = tokens.get(1).isWord("ASC");
            }
            Field field = alias(field(keyOf(first, null), ORDER_KEYS));
            if (!seen.add(field)) {
                throw FlowlineException.invalidParameter(
                        "`order_by` contains duplicate fields: %s", pythonList(clauses));
            }
            result.add(new OrderBy(field, ascending));
        }
        appendIfAbsent(result, TIMESTAMP_MS, false);
        appendIfAbsent(result, REQUEST_ID, true);
        return result;
    }

    private static void appendIfAbsent(List<OrderBy> order, String key, boolean ascending) {
        Field field = new Field(EntityType.ATTRIBUTE, key);
        if (order.stream().noneMatch(o -> o.field().equals(field))) {
            order.add(new OrderBy(field, ascending));
        }
    }

    private static Filter comparison(TokenStream tokens) {
        Token first = tokens.next();
        if (!(first.kind() == Kind.WORD && !isKeyword(first)
                || first.kind() == Kind.BACKTICK
                || first.kind() == Kind.DOUBLE_QUOTED)) {
            throw invalidClause(tokens.input());
        }
        Token quoted = tokens.peek();
        boolean quotedKey = first.kind() == Kind.WORD
                && first.text().endsWith(".")
                && quoted.joined()
                && (quoted.kind() == Kind.BACKTICK || quoted.kind() == Kind.DOUBLE_QUOTED);
        String[] key = keyOf(first, quotedKey ? tokens.next().text() : null);
        Operator op = tokens.operator(() -> invalidClause(tokens.input()));
        Literal value = tokens.peek().kind() == Kind.LEFT_PAREN
                ? tokens.textList(() -> invalidClause(tokens.input()))
                : tokens.scalar(TraceSearchParser::unquoted, () -> invalidClause(tokens.input()));
        // As MLflow, the value is checked against the key as written and the operator against what it stands for.
        Field written = field(key, FILTER_KEYS);
        Literal checked = checkValue(written, value);
        Field field = alias(written);
        return new Filter.Comparison(field, checkOperator(field, op), checked);
    }

    /** The prefix (null when there is none) and the key of a field token, with a quoted key that follows it. */
    private static String[] keyOf(Token token, String quotedKey) {
        if (token.kind() != Kind.WORD) {
            return new String[] {null, token.text()};
        }
        String text = token.text();
        int dot = text.indexOf('.');
        if (dot < 0) {
            return new String[] {null, text};
        }
        String rest = text.substring(dot + 1);
        return new String[] {text.substring(0, dot), quotedKey != null && rest.isEmpty() ? quotedKey : rest};
    }

    /** The field a prefix and key name, as written. */
    private static Field field(String[] prefixAndKey, List<String> attributeKeys) {
        String prefix = prefixAndKey[0];
        String key = prefixAndKey[1];
        EntityType type = EntityType.ATTRIBUTE;
        if (prefix != null) {
            type = PREFIXES.get(prefix);
            if (type == null) {
                throw FlowlineException.invalidParameter(
                        "Invalid entity type '%s'. Valid values are %s", prefix, pythonSet(PREFIX_NAMES));
            }
        }
        if (type == EntityType.ATTRIBUTE && !attributeKeys.contains(key)) {
            throw FlowlineException.invalidParameter(
                    "Invalid attribute key '%s' specified. Valid keys are '%s'", key, pythonSet(attributeKeys));
        }
        return new Field(type, key);
    }

    /** What a written field stands for; as in MLflow, whatever its prefix: {@code tags.name} is the trace's name. */
    private static Field alias(Field written) {
        String key = written.key().toLowerCase(Locale.ROOT);
        if (KEY_ALIASES.containsKey(key)) {
            return KEY_ALIASES.get(key);
        }
        return RENAMED_KEYS.containsKey(key) ? new Field(written.type(), RENAMED_KEYS.get(key)) : written;
    }

    private static Literal checkValue(Field written, Literal value) {
        if (written.type() == EntityType.TAG && !(value instanceof Literal.Number)
                || written.type() == EntityType.REQUEST_METADATA && value instanceof Literal.Text) {
            return value;
        }
        if (written.type() != EntityType.ATTRIBUTE) {
            throw FlowlineException.invalidParameter(
                    "Expected a quoted string value for %s (e.g. 'my-value'). Got value %s",
                    written.type() == EntityType.TAG ? "tag" : "request_metadata", value.describe());
        }
        String key = written.key();
        return switch (value) {
            case Literal.TextList list -> {
                if (!LISTABLE_KEYS.contains(key)) {
                    throw FlowlineException.invalidParameter(
                            "Only attributes in %s supports comparison with a list of quoted string values.",
                            pythonSet(LISTABLE_KEYS));
                }
                yield list;
            }
            case Literal.Number number -> {
                if (!NUMERIC_KEYS.contains(key)) {
                    throw FlowlineException.invalidParameter(
                            "Only the '%s' attributes support comparison with numeric values.",
                            pythonSet(NUMERIC_KEYS));
                }
                yield number;
            }
            case Literal.Text text -> NUMERIC_KEYS.contains(key) ? numeric(key, text) : text;
        };
    }

    /**
     * A quoted number compared with a numeric attribute; MLflow passes the string on to the database, where only
     * some databases convert it, so it is read as the number it spells here.
     */
    private static Literal numeric(String key, Literal.Text text) {
        try {
            return new Literal.Number(Double.parseDouble(text.value().trim()));
        } catch (NumberFormatException e) {
            throw FlowlineException.invalidParameter(
                    "Expected numeric value type for numeric attribute: %s. Found %s", key, text.value());
        }
    }

    private static Operator checkOperator(Field field, Operator op) {
        switch (field.type()) {
            case TAG -> {
                if (!KEY_VALUE_OPERATORS.contains(op)) {
                    throw FlowlineException.invalidParameter(
                            "Invalid comparator '%s' not one of '%s", op.symbol(), symbols(KEY_VALUE_OPERATORS));
                }
            }
            case REQUEST_METADATA -> {
                if (!KEY_VALUE_OPERATORS.contains(op)) {
                    throw FlowlineException.invalidParameter(
                            "Invalid comparator '%s' not one of '%s'", op.symbol(), symbols(KEY_VALUE_OPERATORS));
                }
            }
            default -> {
                if (NUMERIC_KEYS.contains(field.key()) && !NUMERIC_OPERATORS.contains(op)) {
                    // MLflow names the string comparators here, and leaves the quote open.
                    throw FlowlineException.invalidParameter(
                            "Invalid comparator '%s' not one of '%s", op.symbol(), symbols(STRING_OPERATORS));
                }
                if (!NUMERIC_KEYS.contains(field.key()) && !STRING_OPERATORS.contains(op)) {
                    throw FlowlineException.invalidParameter(
                            "Invalid comparator '%s' not one of '%s'", op.symbol(), symbols(STRING_OPERATORS));
                }
            }
        }
        return op;
    }

    private static boolean isKeyword(Token token) {
        return token.isWord("AND") || token.isWord("OR") || token.isWord("NOT") || token.isWord("IN");
    }

    private static String symbols(List<Operator> operators) {
        return pythonSet(operators.stream().map(Operator::symbol).toList());
    }

    /** Python's repr of a set of strings (MLflow's messages print its sets). */
    private static String pythonSet(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ", "{", "}"));
    }

    private static String pythonList(List<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ", "[", "]"));
    }

    /** MLflow's failure for an unquoted word where a value belongs, e.g. {@code status = OK}. */
    private static FlowlineException unquoted(String word) {
        return FlowlineException.invalidParameter(
                "Parameter value is either not quoted or unidentified quote types used for string value %s. "
                        + "Use either single or double quotes.",
                word);
    }

    private static FlowlineException invalidClause(String filter) {
        return FlowlineException.invalidParameter("Invalid clause(s) in filter string: '%s'", filter);
    }
}

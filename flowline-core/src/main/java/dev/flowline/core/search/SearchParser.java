package dev.flowline.core.search;

import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.search.SearchLexer.Kind;
import dev.flowline.core.search.SearchLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses MLflow's search filter and order-by grammar: comparisons such as {@code metrics.loss < 0.5},
 * {@code params.lr = '0.01'}, {@code tags.`mlflow.runName` LIKE 'a%'} or {@code attributes.run_id IN ('a', 'b')},
 * joined by {@code AND}. As an extension Flowline also accepts {@code OR} (binding looser than {@code AND}) and
 * parentheses, which leaves every filter MLflow accepts meaning what it means there. Every malformed input is
 * an INVALID_PARAMETER_VALUE naming the problem.
 */
public final class SearchParser {
    /** Deeper nesting than this is refused instead of risking the parser's stack. */
    static final int MAX_DEPTH = 50;

    private final List<Token> tokens;
    private final String input;
    private final SearchFields fields;
    private int position;

    private SearchParser(String input, SearchFields fields) {
        this.input = input;
        this.fields = fields;
        this.tokens = SearchLexer.tokens(input);
    }

    /** The run filter, or empty for a blank or absent one. */
    public static Optional<Filter> parseRunFilter(String filter) {
        return parseFilter(filter, SearchFields.RUNS);
    }

    /** The experiment filter over {@code name}, {@code creation_time}, {@code last_update_time} and {@code tags.*}. */
    public static Optional<Filter> parseExperimentFilter(String filter) {
        return parseFilter(filter, SearchFields.EXPERIMENTS);
    }

    /** Run order-by clauses such as {@code metrics.loss DESC} or {@code start_time}. */
    public static List<OrderBy> parseRunOrderBy(List<String> clauses) {
        return parseOrderBy(clauses, SearchFields.RUNS);
    }

    /** Experiment order-by clauses over {@code name}, {@code creation_time}, {@code last_update_time}, {@code experiment_id}. */
    public static List<OrderBy> parseExperimentOrderBy(List<String> clauses) {
        return parseOrderBy(clauses, SearchFields.EXPERIMENTS);
    }

    private static Optional<Filter> parseFilter(String filter, SearchFields fields) {
        if (filter == null || filter.isBlank()) {
            return Optional.empty();
        }
        SearchParser parser = new SearchParser(filter, fields);
        Filter parsed = parser.disjunction(0);
        if (parser.peek().kind() != Kind.END) {
            throw parser.error("unexpected '" + parser.peek().text() + "' at position "
                    + parser.peek().position());
        }
        return Optional.of(parsed);
    }

    private static List<OrderBy> parseOrderBy(List<String> clauses, SearchFields fields) {
        List<OrderBy> result = new ArrayList<>();
        if (clauses == null) {
            return result;
        }
        for (String clause : clauses) {
            if (clause == null || clause.isBlank()) {
                throw FlowlineException.invalidParameter("Invalid order_by clause '%s'. Could not be parsed.", clause);
            }
            SearchParser parser = new SearchParser(clause, fields);
            Field field = parser.field(true);
            boolean ascending = true;
            if (parser.peek().isWord("ASC") || parser.peek().isWord("DESC")) {
                ascending = parser.next().isWord("ASC");
            } else if (parser.peek().kind() == Kind.WORD
                    && parser.tokens.get(parser.position + 1).kind() == Kind.END) {
                throw FlowlineException.invalidParameter("Invalid ordering key in order_by clause '%s'.", clause);
            }
            if (parser.peek().kind() != Kind.END) {
                throw FlowlineException.invalidParameter("Invalid order_by clause '%s'. Could not be parsed.", clause);
            }
            fields.checkOrderable(field);
            result.add(new OrderBy(field, ascending));
        }
        return result;
    }

    private Filter disjunction(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("it is nested more than " + MAX_DEPTH + " levels deep");
        }
        List<Filter> parts = new ArrayList<>();
        parts.add(conjunction(depth));
        while (peek().isWord("OR")) {
            next();
            parts.add(conjunction(depth));
        }
        return parts.size() == 1 ? parts.getFirst() : new Filter.Or(parts);
    }

    private Filter conjunction(int depth) {
        List<Filter> parts = new ArrayList<>();
        parts.add(primary(depth));
        while (peek().isWord("AND")) {
            next();
            parts.add(primary(depth));
        }
        return parts.size() == 1 ? parts.getFirst() : new Filter.And(parts);
    }

    private Filter primary(int depth) {
        if (peek().kind() == Kind.LEFT_PAREN) {
            next();
            Filter inner = disjunction(depth + 1);
            expect(Kind.RIGHT_PAREN, "a closing ')'");
            return inner;
        }
        return comparison();
    }

    private Filter comparison() {
        Field field = field(false);
        Operator op = operator();
        Literal value = op == Operator.IN || op == Operator.NOT_IN ? list() : scalar();
        fields.checkComparison(field, op, value, input);
        return new Filter.Comparison(field, op, value);
    }

    /** {@code entity.key}, {@code entity.`quoted key`}, {@code entity."quoted key"} or a bare attribute. */
    private Field field(boolean orderBy) {
        Token token = next();
        if (token.kind() == Kind.BACKTICK || token.kind() == Kind.DOUBLE_QUOTED) {
            return fields.field(EntityType.ATTRIBUTE, token.text(), orderBy);
        }
        if (token.kind() != Kind.WORD || isKeyword(token)) {
            throw error("expected a key such as metrics.loss at position " + token.position() + " but found '"
                    + token.text() + "'");
        }
        String word = token.text();
        int dot = word.indexOf('.');
        if (dot < 0) {
            return fields.field(EntityType.ATTRIBUTE, word, orderBy);
        }
        EntityType type = fields.entityType(word.substring(0, dot));
        String key = word.substring(dot + 1);
        if (key.isEmpty()) {
            Token quoted = peek();
            if ((quoted.kind() == Kind.BACKTICK || quoted.kind() == Kind.DOUBLE_QUOTED) && quoted.joined()) {
                key = next().text();
            }
        }
        return fields.field(type, key, orderBy);
    }

    private Operator operator() {
        Token token = next();
        if (token.kind() == Kind.OPERATOR) {
            return Operator.fromSymbol(token.text())
                    .orElseThrow(() -> error("'" + token.text() + "' is not a comparison operator"));
        }
        if (token.isWord("LIKE") || token.isWord("ILIKE") || token.isWord("IN")) {
            return Operator.fromSymbol(token.text()).orElseThrow();
        }
        if (token.isWord("NOT") && peek().isWord("IN")) {
            next();
            return Operator.NOT_IN;
        }
        throw error("expected a comparison operator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN) at position "
                + token.position() + " but found '" + token.text() + "'");
    }

    private Literal scalar() {
        Token token = next();
        return switch (token.kind()) {
            case SINGLE_QUOTED, DOUBLE_QUOTED -> new Literal.Text(token.text());
            case WORD -> new Literal.Number(number(token));
            default ->
                throw error("expected a value at position " + token.position() + " but found '" + token.text() + "'");
        };
    }

    private double number(Token token) {
        try {
            double value = Double.parseDouble(token.text());
            if (!token.text().matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                throw new NumberFormatException(token.text());
            }
            return value;
        } catch (NumberFormatException e) {
            throw error("'" + token.text() + "' at position " + token.position()
                    + " is neither a number nor a quoted string");
        }
    }

    private Literal list() {
        expect(Kind.LEFT_PAREN, "'(' opening a list of quoted strings");
        int open = position - 1;
        if (peek().kind() == Kind.RIGHT_PAREN) {
            throw FlowlineException.invalidParameter("While parsing a list in the query, expected a non-empty list of"
                    + " string values, but got empty list");
        }
        List<String> values = new ArrayList<>();
        do {
            Token token = next();
            if (token.kind() != Kind.SINGLE_QUOTED && token.kind() != Kind.DOUBLE_QUOTED) {
                throw listError(open);
            }
            values.add(token.text());
        } while (peek().kind() == Kind.COMMA && next() != null);
        if (peek().kind() != Kind.RIGHT_PAREN) {
            throw listError(open);
        }
        next();
        return new Literal.TextList(values);
    }

    /** MLflow's messages for a list that holds something other than quoted strings, quoting the list as written. */
    private FlowlineException listError(int open) {
        int close = open;
        while (tokens.get(close).kind() != Kind.RIGHT_PAREN && tokens.get(close).kind() != Kind.END) {
            close++;
        }
        if (tokens.get(close).kind() == Kind.END || close - open == 2) {
            return FlowlineException.invalidParameter("While parsing a list in the query, expected a non-empty list of"
                    + " string values, but got ill-formed list.");
        }
        return FlowlineException.invalidParameter(
                "While parsing a list in the query, expected string value, punctuation, or whitespace, but got"
                        + " different type in list: %s",
                input.substring(tokens.get(open).position(), tokens.get(close).position() + 1));
    }

    private static boolean isKeyword(Token token) {
        return token.isWord("AND")
                || token.isWord("OR")
                || token.isWord("LIKE")
                || token.isWord("ILIKE")
                || token.isWord("IN")
                || token.isWord("NOT");
    }

    private void expect(Kind kind, String what) {
        Token token = next();
        if (token.kind() != kind) {
            throw error("expected " + what + " at position " + token.position()
                    + (token.kind() == Kind.END ? " but the filter ended" : " but found '" + token.text() + "'"));
        }
    }

    private Token peek() {
        return tokens.get(position);
    }

    private Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Kind.END) {
            position++;
        }
        return token;
    }

    private FlowlineException error(String problem) {
        return FlowlineException.invalidParameter("Invalid filter '%s': %s", input, problem);
    }
}

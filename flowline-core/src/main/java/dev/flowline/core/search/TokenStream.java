package dev.flowline.core.search;

import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.search.SearchLexer.Kind;
import dev.flowline.core.search.SearchLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** The tokens of one filter and a read position, for the parsers of MLflow's AND-joined filter grammars. */
public final class TokenStream {
    private final String input;
    private final List<Token> tokens;
    private int position;

    public TokenStream(String input) {
        this.input = input;
        this.tokens = SearchLexer.tokens(input);
    }

    /** The filter as given. */
    public String input() {
        return input;
    }

    public Token peek() {
        return tokens.get(position);
    }

    /** The next token; at the end, the {@link Kind#END} token again. */
    public Token next() {
        Token token = tokens.get(position);
        if (token.kind() != Kind.END) {
            position++;
        }
        return token;
    }

    /** A comparison operator: a symbol, {@code LIKE}, {@code ILIKE}, {@code IN} or {@code NOT IN}. */
    public Operator operator(Supplier<FlowlineException> malformed) {
        Token token = next();
        if (token.kind() == Kind.OPERATOR || token.isWord("LIKE") || token.isWord("ILIKE") || token.isWord("IN")) {
            return Operator.fromSymbol(token.text()).orElseThrow(malformed);
        }
        if (token.isWord("NOT") && peek().isWord("IN")) {
            next();
            return Operator.NOT_IN;
        }
        throw malformed.get();
    }

    /**
     * A quoted string or a number.
     *
     * @param notANumber the failure for an unquoted word that is not a number
     */
    public Literal scalar(Function<String, FlowlineException> notANumber, Supplier<FlowlineException> malformed) {
        Token token = next();
        return switch (token.kind()) {
            case SINGLE_QUOTED, DOUBLE_QUOTED -> new Literal.Text(token.text());
            case WORD -> {
                try {
                    yield new Literal.Number(Double.parseDouble(token.text()));
                } catch (NumberFormatException e) {
                    throw notANumber.apply(token.text());
                }
            }
            default -> throw malformed.get();
        };
    }

    /**
     * A parenthesised list of quoted strings, as {@code IN} takes, with MLflow's message for an item that is not one.
     *
     * @param malformed the failure for a list that does not open or continue as a list
     */
    public Literal.TextList textList(Supplier<FlowlineException> malformed) {
        if (next().kind() != Kind.LEFT_PAREN) {
            throw malformed.get();
        }
        List<String> values = new ArrayList<>();
        while (true) {
            Token token = next();
            if (token.kind() != Kind.SINGLE_QUOTED && token.kind() != Kind.DOUBLE_QUOTED) {
                throw FlowlineException.invalidParameter(
                        "While parsing a list in the query, expected string value, "
                                + "punctuation, or whitespace, but got different type in list: '%s'",
                        token.text());
            }
            values.add(token.text());
            Token after = next();
            if (after.kind() == Kind.RIGHT_PAREN) {
                return new Literal.TextList(values);
            }
            if (after.kind() != Kind.COMMA) {
                throw malformed.get();
            }
        }
    }
}

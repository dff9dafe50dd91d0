package dev.flowline.core.search;

import dev.flowline.core.error.FlowlineException;
import java.util.ArrayList;
import java.util.List;

/** Splits a search filter or order-by clause into tokens; shared by the tracking and registry parsers. */
public final class SearchLexer {

    public enum Kind {
        /** An unquoted run of letters, digits and {@code _ . - + :}; keywords, identifiers and numbers. */
        WORD,
        /** {@code `...`}: a quoted key. */
        BACKTICK,
        /** {@code "..."}: a quoted key or a string literal. */
        DOUBLE_QUOTED,
        /** {@code '...'}: a string literal. */
        SINGLE_QUOTED,
        OPERATOR,
        LEFT_PAREN,
        RIGHT_PAREN,
        COMMA,
        END
    }

    /**
     * One token; {@code joined} says that it follows the previous token without white space in between,
     * as the key does in {@code metrics.`my key`}.
     */
    public record Token(Kind kind, String text, int position, boolean joined) {
        public boolean isWord(String keyword) {
            return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
        }
    }

    private SearchLexer() {}

    /** The tokens of the input, ending with an {@link Kind#END} token. */
    public static List<Token> tokens(String input) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        boolean joined = false;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                joined = false;
                continue;
            }
            int start = i;
            if (c == '`' || c == '"' || c == '\'') {
                int close = input.indexOf(c, i + 1);
                if (close < 0) {
                    throw FlowlineException.invalidParameter(
                            "Invalid filter '%s': the quote opened at position %d is never closed", input, i);
                }
                Kind kind = c == '`' ? Kind.BACKTICK : c == '"' ? Kind.DOUBLE_QUOTED : Kind.SINGLE_QUOTED;
                tokens.add(new Token(kind, input.substring(i + 1, close), start, joined));
                i = close + 1;
            } else if (c == '(' || c == ')' || c == ',') {
                Kind kind = c == '(' ? Kind.LEFT_PAREN : c == ')' ? Kind.RIGHT_PAREN : Kind.COMMA;
                tokens.add(new Token(kind, String.valueOf(c), start, joined));
                i++;
            } else if (c == '=' || c == '!' || c == '<' || c == '>') {
                boolean twoChars = i + 1 < input.length() && input.charAt(i + 1) == '=' && c != '=';
                String op = twoChars ? input.substring(i, i + 2) : String.valueOf(c);
                if (op.equals("!")) {
                    throw FlowlineException.invalidParameter(
                            "Invalid filter '%s': '!' at position %d is not an operator", input, i);
                }
                tokens.add(new Token(Kind.OPERATOR, op, start, joined));
                i += op.length();
            } else if (isWordChar(c)) {
                while (i < input.length() && isWordChar(input.charAt(i))) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, input.substring(start, i), start, joined));
            } else {
                throw FlowlineException.invalidParameter(
                        "Invalid filter '%s': unexpected character '%c' at position %d", input, c, i);
            }
            joined = true;
        }
        tokens.add(new Token(Kind.END, "", input.length(), false));
        return tokens;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '+' || c == ':' || c == '/';
    }
}

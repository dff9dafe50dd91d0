package dev.flowline.core.registry;

import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.search.Literal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A token of a search filter: an identifier (dotted, with backtick- or double-quoted parts), a quoted string,
 * a number, an operator or keyword, or punctuation.
 */
record SearchToken(Kind kind, String text) {
    enum Kind { IDENTIFIER, STRING, NUMBER, OPERATOR, OPEN, CLOSE, COMMA }

    boolean isWord(String word) {
        return (kind == Kind.IDENTIFIER || kind == Kind.OPERATOR) && text.equalsIgnoreCase(word);
    }

    /** The token as a comparison's right-hand side. */
    Literal literal(String filter) {
        return switch (kind) {
            case STRING -> new Literal.Text(text);
            case NUMBER -> new Literal.Number(Double.parseDouble(text));
            // A double-quoted value is read as an identifier by the tokenizer; MLflow accepts it as a string.
            case IDENTIFIER -> text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                    ? new Literal.Text(unquote(text))
                    : failValue(filter);
            default -> failValue(filter);
        };
    }

    private Literal failValue(String filter) {
        throw FlowlineException.invalidParameter("Expected a quoted string value, got '%s' in filter '%s'", text, filter);
    }

    static List<SearchToken> tokenize(String input) {
        List<SearchToken> tokens = new ArrayList<>();
        int i = 0;
        int n = input.length();
        while (i < n) {
            char c = input.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                int end = closingQuote(input, i, '\'');
                tokens.add(new SearchToken(Kind.STRING, input.substring(i + 1, end).replace("''", "'")));
                i = end + 1;
            } else if (c == '(') {
                tokens.add(new SearchToken(Kind.OPEN, "("));
                i++;
            } else if (c == ')') {
                tokens.add(new SearchToken(Kind.CLOSE, ")"));
                i++;
            } else if (c == ',') {
                tokens.add(new SearchToken(Kind.COMMA, ","));
                i++;
            } else if ("=!<>".indexOf(c) >= 0) {
                int end = i + 1;
                while (end < n && "=<>".indexOf(input.charAt(end)) >= 0 && end - i < 2) {
                    end++;
                }
                tokens.add(new SearchToken(Kind.OPERATOR, input.substring(i, end)));
                i = end;
            } else if (Character.isDigit(c) || (c == '-' || c == '.') && i + 1 < n && Character.isDigit(input.charAt(i + 1))) {
                int end = i + 1;
                while (end < n && isNumberPart(input, end)) {
                    end++;
                }
                String number = input.substring(i, end);
                try {
                    Double.parseDouble(number);
                } catch (NumberFormatException e) {
                    throw FlowlineException.invalidParameter("Invalid number '%s' in filter '%s'", number, input);
                }
                tokens.add(new SearchToken(Kind.NUMBER, number));
                i = end;
            } else if (c == '"' || c == '`' || Character.isLetter(c) || c == '_') {
                int end = identifierEnd(input, i);
                tokens.add(new SearchToken(Kind.IDENTIFIER, input.substring(i, end)));
                i = end;
            } else {
                throw FlowlineException.invalidParameter("Invalid filter '%s'. Could not be parsed: unexpected '%s'", input, c);
            }
        }
        return tokens;
    }

    private static boolean isNumberPart(String input, int at) {
        char c = input.charAt(at);
        if (Character.isDigit(c) || c == '.' || c == 'e' || c == 'E') {
            return true;
        }
        return (c == '+' || c == '-') && (input.charAt(at - 1) == 'e' || input.charAt(at - 1) == 'E');
    }

    /** The end of a dotted identifier whose parts may be quoted with backticks or double quotes. */
    private static int identifierEnd(String input, int i) {
        int n = input.length();
        while (i < n) {
            char c = input.charAt(i);
            if (c == '"' || c == '`') {
                i = closingQuote(input, i, c) + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' && i > 0) {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static int closingQuote(String input, int open, char quote) {
        int i = open + 1;
        while (i < input.length()) {
            if (input.charAt(i) == quote) {
                if (quote == '\'' && i + 1 < input.length() && input.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        throw FlowlineException.invalidParameter("Invalid filter '%s'. Could not be parsed: unterminated %s", input, quote);
    }

    /** Removes one pair of surrounding backticks or double quotes. */
    static String unquote(String text) {
        if (text.length() >= 2 && (text.startsWith("`") && text.endsWith("`") || text.startsWith("\"") && text.endsWith("\""))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }

    static String formatNumber(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " " + text;
    }
}

package dev.flowline.core.promptlab;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * YAML in the block style of PyYAML's {@code safe_dump(..., default_flow_style=False)}, which MLflow writes
 * {@code MLmodel}, {@code parameters.yaml} and {@code conda.yaml} with: keys sorted, nested maps indented by two
 * spaces, list items as {@code - } lines. Every string is double-quoted, with only what YAML cannot hold raw escaped
 * (quotes, backslashes, control and non-printable characters), so any prompt or parameter reads back unchanged.
 */
final class BlockYaml {
    private static final Pattern PLAIN_KEY = Pattern.compile("[a-z]+(_[a-z]+)*");
    private static final Set<String> RESERVED = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null");

    private BlockYaml() {}

    static String dump(Map<String, ?> document) {
        StringBuilder out = new StringBuilder();
        map(document, 0, out);
        return out.toString();
    }

    private static void map(Map<String, ?> map, int indent, StringBuilder out) {
        for (Map.Entry<String, ?> entry : new TreeMap<>(map).entrySet()) {
            out.repeat(' ', indent);
            key(entry.getKey(), out);
            out.append(':');
            value(entry.getValue(), indent, out);
        }
    }

    private static void value(Object value, int indent, StringBuilder out) {
        switch (value) {
            case Map<?, ?> nested
            when !nested.isEmpty() -> {
                out.append('\n');
                @SuppressWarnings("unchecked")
                Map<String, ?> typed = (Map<String, ?>) nested;
                map(typed, indent + 2, out);
            }
            case List<?> list
            when !list.isEmpty() -> {
                out.append('\n');
                for (Object item : list) {
                    out.repeat(' ', indent).append('-');
                    if (item instanceof Map<?, ?> nested && !nested.isEmpty()) {
                        @SuppressWarnings("unchecked")
                        Map<String, ?> typed = (Map<String, ?>) nested;
                        // The first key goes on the dash's line, the others under it.
                        String block = dump(typed).indent(indent + 2);
                        out.append(' ').append(block.substring(indent + 2));
                    } else {
                        value(item, indent, out);
                    }
                }
            }
            case Map<?, ?> empty -> out.append(" {}\n");
            case List<?> empty -> out.append(" []\n");
            case null, default -> out.append(' ').append(scalar(value)).append('\n');
        }
    }

    /** A key such as {@code artifact_path} is written plain, any other (and YAML 1.1's words for booleans and null) quoted. */
    private static void key(String key, StringBuilder out) {
        boolean plain = PLAIN_KEY.matcher(key).matches() && !RESERVED.contains(key.toLowerCase(Locale.ROOT));
        out.append(plain ? key : quoted(key));
    }

    private static String scalar(Object value) {
        return switch (value) {
            case null -> "null";
            case Boolean b -> b ? "true" : "false";
            case Number n -> n.toString();
            case String s -> quoted(s);
            default -> throw new IllegalArgumentException("not a YAML scalar of a prompt-lab file: " + value);
        };
    }

    private static String quoted(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (printable(c)) {
                        out.appendCodePoint(c);
                    } else {
                        out.append(String.format("\\u%04x", c));
                    }
                }
            }
        });
        return out.append('"').toString();
    }

    /** What YAML (and PyYAML's reader) takes raw in a document: no controls, lone surrogates, U+FFFE or U+FFFF. */
    private static boolean printable(int c) {
        return (c >= 0x20 && c <= 0x7e)
                || (c >= 0xa0 && c <= 0xd7ff)
                || (c >= 0xe000 && c <= 0xfffd)
                || (c >= 0x10000 && c <= 0x10ffff);
    }
}

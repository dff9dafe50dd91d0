package dev.flowline.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowline.core.error.FlowlineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The arguments of one API call, from a JSON body or a GET query string, with typed getters that fail
 * as MLflow does: a missing required field or a value of the wrong type is INVALID_PARAMETER_VALUE.
 * Numbers may arrive as JSON numbers or as strings (protobuf's JSON form sends int64 as strings). A repeated field
 * must be a JSON array in a body; in a query string a key given once is a list of one, as MLflow reads both.
 */
public final class RequestArgs {
    private static final String HINT = " See the API docs for more information about request parameters.";

    private final ObjectNode node;
    private final String prefix;
    private final boolean fromQuery;

    /** Arguments from a JSON body, or from a query string when {@code fromQuery}. */
    public RequestArgs(ObjectNode node, boolean fromQuery) {
        this(node, "", fromQuery);
    }

    private RequestArgs(ObjectNode node, String prefix, boolean fromQuery) {
        this.node = node;
        this.prefix = prefix;
        this.fromQuery = fromQuery;
    }

    /** The raw JSON of these arguments. */
    public ObjectNode json() {
        return node;
    }

    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    public String requiredString(String name) {
        return string(name).orElseThrow(() -> missing(name));
    }

    /** A required string that must also be non-empty. */
    public String requiredNonEmptyString(String name) {
        String value = requiredString(name);
        if (value.isEmpty()) {
            throw missing(name);
        }
        return value;
    }

    public Optional<String> string(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw wrongType(name, value);
        }
        return Optional.of(value.asText());
    }

    public long requiredLong(String name) {
        return longValue(name).orElseThrow(() -> missing(name));
    }

    public Optional<Long> longValue(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return Optional.of(value.asLong());
        }
        if (value.isTextual()) {
            try {
                return Optional.of(Long.parseLong(value.asText().trim()));
            } catch (NumberFormatException e) {
                throw wrongType(name, value);
            }
        }
        if (value.isFloatingPointNumber()
                && value.asDouble() == Math.rint(value.asDouble())
                && Math.abs(value.asDouble()) < 9.007199254740992E15) {
            return Optional.of((long) value.asDouble());
        }
        throw wrongType(name, value);
    }

    public Optional<Integer> intValue(String name) {
        Optional<Long> value = longValue(name);
        if (value.isPresent() && (value.get() > Integer.MAX_VALUE || value.get() < Integer.MIN_VALUE)) {
            throw wrongType(name, node.get(name));
        }
        return value.map(Long::intValue);
    }

    public double requiredDouble(String name) {
        return doubleValue(name).orElseThrow(() -> missing(name));
    }

    /** A double; accepts numbers, bare NaN/Infinity and their string forms. */
    public Optional<Double> doubleValue(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isNumber()) {
            return Optional.of(value.asDouble());
        }
        if (value.isTextual()) {
            String text = value.asText().trim();
            switch (text) {
                case "NaN", "nan":
                    return Optional.of(Double.NaN);
                case "Infinity", "inf", "+Infinity":
                    return Optional.of(Double.POSITIVE_INFINITY);
                case "-Infinity", "-inf":
                    return Optional.of(Double.NEGATIVE_INFINITY);
                default:
                    try {
                        return Optional.of(Double.parseDouble(text));
                    } catch (NumberFormatException e) {
                        throw wrongType(name, value);
                    }
            }
        }
        throw wrongType(name, value);
    }

    /** A boolean; accepts JSON booleans and the strings true/false (from query strings). */
    public Optional<Boolean> booleanValue(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isBoolean()) {
            return Optional.of(value.asBoolean());
        }
        if (value.isTextual()
                && (value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false"))) {
            return Optional.of(Boolean.parseBoolean(value.asText()));
        }
        throw wrongType(name, value);
    }

    /** A repeated string field; in a query string a single value counts as a list of one. */
    public List<String> strings(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw wrongType(name, value);
                }
                result.add(item.asText());
            }
        } else if (value.isTextual() && fromQuery) {
            result.add(value.asText());
        } else {
            throw wrongType(name, value);
        }
        return result;
    }

    /** A nested message. */
    public Optional<RequestArgs> object(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!(value instanceof ObjectNode objectNode)) {
            throw wrongType(name, value);
        }
        return Optional.of(new RequestArgs(objectNode, prefix + name + ".", fromQuery));
    }

    /** A repeated nested message. */
    public List<RequestArgs> objects(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrongType(name, value);
        }
        List<RequestArgs> result = new ArrayList<>(value.size());
        for (JsonNode item : value) {
            if (!(item instanceof ObjectNode objectNode)) {
                throw wrongType(name, value);
            }
            result.add(new RequestArgs(objectNode, prefix + name + ".", fromQuery));
        }
        return result;
    }

    /** The failure MLflow reports for a missing required parameter. */
    public FlowlineException missing(String name) {
        return FlowlineException.invalidParameter("Missing value for required parameter '%s'.%s", prefix + name, HINT);
    }

    /**
     * The failure MLflow reports when a field's value as a whole is rejected, e.g. a {@code metrics} list
     * with an entry that lacks its timestamp: the message quotes the field's JSON.
     */
    public FlowlineException invalid(String name) {
        return wrongType(name, node.get(name));
    }

    private FlowlineException wrongType(String name, JsonNode value) {
        return FlowlineException.invalidParameter(
                "Invalid value %s for parameter '%s' supplied. Hint: Value was of type '%s'.%s",
                value.toString(), prefix + name, pythonTypeName(value), HINT);
    }

    private static String pythonTypeName(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "str";
            case NUMBER -> value.isIntegralNumber() ? "int" : "float";
            case BOOLEAN -> "bool";
            case ARRAY -> "list";
            case OBJECT -> "dict";
            default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}

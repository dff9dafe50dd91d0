package dev.flowline.server.graphql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads GraphQL fields out of a REST answer's JSON: field {@code artifactLocation} is the message's
 * {@code artifact_location}. A field the REST answer leaves out (unset, or an empty list) gets its protobuf default,
 * as MLflow's resolvers read the response message: {@code ""}, {@code 0}, {@code false}, an empty list or message,
 * an enum's first value. {@code apiError} is declared by MLflow but never set: failures go to {@code errors}.
 */
final class WireFields implements DataFetcher<Object> {
    private static final Pattern UPPER = Pattern.compile("[A-Z]");
    private static final String API_ERROR = "ApiError";

    @Override
    public Object get(DataFetchingEnvironment environment) {
        Object source = environment.getSource();
        String name = environment.getFieldDefinition().getName();
        if (source instanceof Map<?, ?> map) {
            return map.get(name);
        }
        return field((JsonNode) source, wireName(name), environment.getFieldType());
    }

    /** The GraphQL value of the message's field {@code wireName}, of GraphQL type {@code type}. */
    static Object field(JsonNode message, String wireName, GraphQLType type) {
        JsonNode value = message.get(wireName);
        if (value == null || value.isNull()) {
            return protoDefault(GraphQLTypeUtil.unwrapNonNull(type));
        }
        return value(value);
    }

    /** {@code artifactLocation} as the wire's {@code artifact_location}. */
    static String wireName(String graphqlName) {
        Matcher upper = UPPER.matcher(graphqlName);
        StringBuilder result = new StringBuilder();
        while (upper.find()) {
            upper.appendReplacement(result, "_" + upper.group().toLowerCase(java.util.Locale.ROOT));
        }
        return upper.appendTail(result).toString();
    }

    private static Object value(JsonNode node) {
        if (node.isObject()) {
            return node;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>(node.size());
            node.forEach(item -> items.add(value(item)));
            return items;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.numberValue();
    }

    private static Object protoDefault(GraphQLType type) {
        if (type instanceof GraphQLList) {
            return List.of();
        }
        if (type instanceof GraphQLEnumType enumType) {
            return enumType.getValues().getFirst().getName();
        }
        if (type instanceof GraphQLObjectType object) {
            return object.getName().equals(API_ERROR) ? null : JsonNodeFactory.instance.objectNode();
        }
        return switch (((GraphQLScalarType) type).getName()) {
            case "String" -> "";
            case "Boolean" -> false;
            case "Float" -> 0.0;
            default -> 0L;
        };
    }
}

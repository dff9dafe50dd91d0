package dev.flowline.server.graphql;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flowline.server.http.RequestArgs;
import java.io.IOException;
import java.util.Map;

/**
 * One GraphQL call: {@code query}, {@code operationName} and {@code variables} from a JSON body, or from the query
 * string of a GET (where {@code variables} is JSON text). A missing query or malformed variables fail as a bad
 * REST request does.
 */
record GraphqlRequest(String query, String operationName, Map<String, Object> variables) {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    static GraphqlRequest from(RequestArgs args, ObjectMapper mapper) {
        return new GraphqlRequest(
                args.requiredString("query"), args.string("operationName").orElse(null), variables(args, mapper));
    }

    private static Map<String, Object> variables(RequestArgs args, ObjectMapper mapper) {
        JsonNode variables = args.json().get("variables");
        if (variables != null && variables.isTextual()) {
            try {
                variables = mapper.readTree(variables.asText());
            } catch (IOException e) {
                throw args.invalid("variables");
            }
        }
        if (variables == null || variables.isNull() || variables.isMissingNode()) {
            return Map.of();
        }
        if (!variables.isObject()) {
            throw args.invalid("variables");
        }
        return mapper.convertValue(variables, MAP);
    }
}

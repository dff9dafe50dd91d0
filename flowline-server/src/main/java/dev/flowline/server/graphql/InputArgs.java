package dev.flowline.server.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flowline.server.http.RequestArgs;
import java.util.Map;

/**
 * A GraphQL {@code input} object as the REST endpoint's arguments: {@code experimentIds} becomes
 * {@code experiment_ids}, as MLflow parses the input into the endpoint's request message. The endpoint then
 * validates and defaults it exactly as it does a JSON body.
 */
final class InputArgs {
    private final ObjectMapper mapper;

    InputArgs(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The arguments of {@code input}; no input is an empty request. */
    RequestArgs of(Map<String, Object> input) {
        ObjectNode node = mapper.createObjectNode();
        if (input != null) {
            input.forEach((name, value) -> node.set(WireFields.wireName(name), mapper.valueToTree(value)));
        }
        return new RequestArgs(node, false);
    }

    /** Arguments given by their wire names, for the resolvers that make their own requests. */
    RequestArgs wire(String name, String value) {
        return new RequestArgs(mapper.createObjectNode().put(name, value), false);
    }
}

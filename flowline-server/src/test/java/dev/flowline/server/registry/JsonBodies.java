package dev.flowline.server.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.flowline.server.tracking.ApiClient;

/** JSON fragments for requests. */
final class JsonBodies {
    private JsonBodies() {}

    /** {@code [{"key": k, "value": v}, ...]} from alternating keys and values. */
    static ArrayNode of(String... keysAndValues) {
        ArrayNode tags = ApiClient.JSON.createArrayNode();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            tags.addObject().put("key", keysAndValues[i]).put("value", keysAndValues[i + 1]);
        }
        return tags;
    }

    /** A JSON array of strings. */
    static ArrayNode strings(String... values) {
        ArrayNode array = ApiClient.JSON.createArrayNode();
        for (String value : values) {
            array.add(value);
        }
        return array;
    }
}

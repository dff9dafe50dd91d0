package dev.flowline.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * A response body that writes itself to a JSON generator, which writes to the response as it goes: large answers
 * (a thousand runs, a 100,000-point history) are neither built as objects nor held as bytes first. A handler
 * returns one after its service call has succeeded, so errors are still answered in MLflow's form.
 */
@FunctionalInterface
public interface StreamedJson {
    void writeTo(JsonGenerator json) throws IOException;

    /**
     * A wire record written through the generator instead of into a byte array first: for answers whose JSON can
     * run to tens of MB (a 200,000-version search), which would otherwise be held whole, and grown by copying.
     */
    static StreamedJson of(Object wireRecord) {
        return json -> json.writeObject(wireRecord);
    }
}

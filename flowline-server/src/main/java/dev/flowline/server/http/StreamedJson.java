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
}

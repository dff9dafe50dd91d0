package dev.flowline.server.http;

/** An API handler: decodes the request, calls a service and returns the wire record to send as JSON. */
@FunctionalInterface
public interface JsonHandler {
    Object handle(ApiRequest request) throws Exception;
}

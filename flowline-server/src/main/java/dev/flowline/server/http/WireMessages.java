package dev.flowline.server.http;

/** Messages every API's answers share: MLflow's key/value pair and its empty response. */
public final class WireMessages {
    /** MLflow's empty response message, written as {@code {}}. */
    public static final Empty EMPTY = new Empty();

    private WireMessages() {}

    /** A tag, metadata entry or other key/value pair as MLflow writes it. */
    public record KeyValue(String key, String value) {}

    /** MLflow's empty response message. */
    public record Empty() {}
}

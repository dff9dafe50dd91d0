package dev.flowline.core.search;

/** What a search key names: the prefix before the dot in {@code metrics.loss}. */
public enum EntityType {
    METRIC,
    PARAM,
    TAG,
    ATTRIBUTE,
    DATASET,
    /** A trace's request metadata ({@code request_metadata.} or {@code metadata.}). */
    REQUEST_METADATA
}

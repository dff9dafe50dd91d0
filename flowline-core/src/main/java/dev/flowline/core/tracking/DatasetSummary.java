package dev.flowline.core.tracking;

/**
 * A dataset seen in an experiment, as {@code search-datasets} reports it.
 *
 * @param context the value of the {@code mlflow.data.context} input tag, or null
 */
public record DatasetSummary(String experimentId, String name, String digest, String context) {}

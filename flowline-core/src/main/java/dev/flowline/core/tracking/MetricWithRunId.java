package dev.flowline.core.tracking;

/** A metric point together with the run it belongs to, for multi-run history queries. */
public record MetricWithRunId(String runId, Metric metric) {}

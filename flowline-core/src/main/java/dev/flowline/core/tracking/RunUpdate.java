package dev.flowline.core.tracking;

/**
 * Changes to a run's attributes; null fields are left as they are.
 */
public record RunUpdate(RunStatus status, Long endTime, String runName) {}

package dev.flowline.core.registry;

/** Registration status of a model version; Flowline registers synchronously, so versions are READY. */
public enum ModelVersionStatus {
    PENDING_REGISTRATION,
    FAILED_REGISTRATION,
    READY
}

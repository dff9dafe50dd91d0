package dev.flowline.core.error;

/**
 * MLflow's error codes, each with the HTTP status MLflow's server answers it with.
 */
public enum ErrorCode {
    INTERNAL_ERROR(500),
    INVALID_STATE(500),
    DATA_LOSS(500),
    NOT_IMPLEMENTED(501),
    TEMPORARILY_UNAVAILABLE(503),
    DEADLINE_EXCEEDED(504),
    REQUEST_LIMIT_EXCEEDED(429),
    RESOURCE_EXHAUSTED(429),
    CANCELLED(499),
    ABORTED(409),
    RESOURCE_CONFLICT(409),
    ALREADY_EXISTS(409),
    NOT_FOUND(404),
    ENDPOINT_NOT_FOUND(404),
    RESOURCE_DOES_NOT_EXIST(404),
    PERMISSION_DENIED(403),
    CUSTOMER_UNAUTHORIZED(401),
    UNAUTHENTICATED(401),
    BAD_REQUEST(400),
    MALFORMED_REQUEST(400),
    RESOURCE_ALREADY_EXISTS(400),
    INVALID_PARAMETER_VALUE(400);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The HTTP status MLflow's server sends with this code. */
    public int httpStatus() {
        return httpStatus;
    }
}

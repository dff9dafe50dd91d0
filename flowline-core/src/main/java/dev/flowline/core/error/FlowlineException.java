package dev.flowline.core.error;

import java.util.Objects;

/**
 * A failure that carries an MLflow {@link ErrorCode}; its message is shown to the client as is.
 */
public class FlowlineException extends RuntimeException {
    private final ErrorCode code;

    public FlowlineException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public FlowlineException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    /** An {@link ErrorCode#INVALID_PARAMETER_VALUE} failure with a formatted message. */
    public static FlowlineException invalidParameter(String format, Object... args) {
        return new FlowlineException(
                ErrorCode.INVALID_PARAMETER_VALUE, args.length == 0 ? format : format.formatted(args));
    }

    /** A {@link ErrorCode#RESOURCE_DOES_NOT_EXIST} failure with a formatted message. */
    public static FlowlineException notFound(String format, Object... args) {
        return new FlowlineException(
                ErrorCode.RESOURCE_DOES_NOT_EXIST, args.length == 0 ? format : format.formatted(args));
    }

    /** A {@link ErrorCode#RESOURCE_ALREADY_EXISTS} failure with a formatted message. */
    public static FlowlineException alreadyExists(String format, Object... args) {
        return new FlowlineException(
                ErrorCode.RESOURCE_ALREADY_EXISTS, args.length == 0 ? format : format.formatted(args));
    }
}

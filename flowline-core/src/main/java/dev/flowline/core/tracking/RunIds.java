package dev.flowline.core.tracking;

import java.util.UUID;

/** Run ids as MLflow makes them: a random UUID's 32 lowercase hex digits. */
final class RunIds {
    private RunIds() {}

    static String next() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}

package dev.flowline.cli;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One line per log record on standard error, and only warnings from libraries, unless the user
 * configured java.util.logging themselves.
 */
final class Logging {
    /** Held so the levels set on them are not lost when the loggers are garbage-collected. */
    private static final List<Logger> QUIETED = List.of(
            Logger.getLogger("com.zaxxer.hikari"), Logger.getLogger("org.flywaydb"), Logger.getLogger("io.helidon"));

    private Logging() {}

    static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$-7s [%3$s] %5$s%6$s%n");
        }
        QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
    }
}

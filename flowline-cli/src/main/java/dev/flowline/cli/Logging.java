package dev.flowline.cli;

/** One line per log record, on standard error, unless the user configured java.util.logging. */
final class Logging {
    private Logging() {
    }

    static void configure() {
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format",
                    "%1$tF %1$tT %4$-7s [%3$s] %5$s%6$s%n");
        }
    }
}

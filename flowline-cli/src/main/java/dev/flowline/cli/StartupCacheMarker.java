package dev.flowline.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The {@code ./flowline} script records the JVM's start-up cache during a server run and marks it unusable until the
 * server has started: a run that fails first (a port in use, a database that cannot be reached) would otherwise
 * leave a cache of only the classes of its failure, and every later start would be slower for it.
 */
final class StartupCacheMarker {
    /** The environment variable naming the marker file; set by the script only while it records a cache. */
    static final String VARIABLE = "FLOWLINE_AOT_PENDING";
    /** The name of the mark the script writes next to the cache. */
    static final String MARKER_NAME = "flowline.aot.pending";

    private static final Logger LOG = Logger.getLogger(StartupCacheMarker.class.getName());

    private StartupCacheMarker() {}

    /**
     * Removes the marker, if the script set one: the server is listening, so the cache it records is worth keeping.
     * A marker that cannot be removed only means the cache is recorded again at the next start.
     */
    static void serverStarted(Map<String, String> environment) {
        String marker = environment.get(VARIABLE);
        // Only the script's own mark is ever removed, whatever else the variable might name.
        if (marker == null || !marker.endsWith(MARKER_NAME)) {
            return;
        }
        try {
            Files.deleteIfExists(Path.of(marker));
        } catch (IOException e) {
            LOG.warning("Cannot remove " + marker + " (" + e.getMessage()
                    + "): the start-up cache will be recorded again at the next start");
        }
    }
}

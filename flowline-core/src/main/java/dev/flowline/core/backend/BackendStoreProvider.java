package dev.flowline.core.backend;

import java.net.URI;

/**
 * Opens {@link BackendStore}s for the backend-store URIs it recognises; found with {@link java.util.ServiceLoader}.
 */
public interface BackendStoreProvider {

    /** Whether this provider serves the URI's scheme, e.g. {@code sqlite}, {@code postgresql+psycopg2}. */
    boolean supports(URI backendStoreUri);

    /**
     * Opens the store. An empty database is initialised; a database whose schema is older than this
     * version, or that holds something other than Flowline's schema, is refused with a message naming
     * what to do, and left untouched.
     *
     * @param poolSize how many database connections to keep
     */
    BackendStore open(URI backendStoreUri, int poolSize);

    /** Migrates the database's schema to this version; returns a one-line summary of what was done. */
    String upgrade(URI backendStoreUri);
}

package dev.flowline.core.backend;

import dev.flowline.core.registry.ModelRegistryStore;
import dev.flowline.core.tracing.TraceStore;
import dev.flowline.core.tracking.TrackingStore;

/**
 * The stores behind one backend-store URI. They share one database and its connections, so that an
 * embedded database keeps a single writer.
 */
public interface BackendStore extends AutoCloseable {

    TrackingStore tracking();

    /** The model registry, on the same database as the tracking store. */
    ModelRegistryStore registry();

    /** Trace infos, on the same database as the tracking store, whose experiments they belong to. */
    TraceStore traces();

    /** Releases the connections. */
    @Override
    void close();
}

package dev.flowline.store.sql;

import dev.flowline.core.backend.BackendStore;
import dev.flowline.core.registry.ModelRegistryStore;
import dev.flowline.core.tracing.TraceStore;
import dev.flowline.core.tracking.TrackingStore;

/** The stores of one SQL database, sharing its connection pools. */
public final class SqlBackendStore implements BackendStore {
    private final SqlDatabase database;
    private final SqlTrackingStore tracking;
    private final SqlModelRegistryStore registry;
    private final SqlTraceStore traces;

    public SqlBackendStore(SqlDatabase database) {
        this.database = database;
        this.tracking = new SqlTrackingStore(database);
        this.registry = new SqlModelRegistryStore(database);
        this.traces = new SqlTraceStore(database);
    }

    @Override
    public TrackingStore tracking() {
        return tracking;
    }

    @Override
    public ModelRegistryStore registry() {
        return registry;
    }

    @Override
    public TraceStore traces() {
        return traces;
    }

    @Override
    public void close() {
        database.close();
    }
}

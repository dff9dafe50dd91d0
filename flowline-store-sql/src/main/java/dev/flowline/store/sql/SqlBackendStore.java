package dev.flowline.store.sql;

import dev.flowline.core.backend.BackendStore;
import dev.flowline.core.registry.ModelRegistryStore;
import dev.flowline.core.tracking.TrackingStore;

/** The stores of one SQL database, sharing its connection pools. */
public final class SqlBackendStore implements BackendStore {
    private final SqlDatabase database;
    private final SqlTrackingStore tracking;
    private final SqlModelRegistryStore registry;

    public SqlBackendStore(SqlDatabase database) {
        this.database = database;
        this.tracking = new SqlTrackingStore(database);
        this.registry = new SqlModelRegistryStore(database);
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
    public void close() {
        database.close();
    }
}

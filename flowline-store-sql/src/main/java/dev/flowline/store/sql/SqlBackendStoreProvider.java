package dev.flowline.store.sql;

import dev.flowline.core.backend.BackendStore;
import dev.flowline.core.backend.BackendStoreProvider;
import java.net.URI;

/** Opens SQLite, PostgreSQL and MySQL/MariaDB backend stores from MLflow-style URIs. */
public final class SqlBackendStoreProvider implements BackendStoreProvider {

    @Override
    public boolean supports(URI backendStoreUri) {
        return DatabaseUri.supports(backendStoreUri);
    }

    @Override
    public BackendStore open(URI backendStoreUri, int poolSize) {
        SqlDatabase database = SqlDatabase.open(DatabaseUri.parse(backendStoreUri), poolSize);
        try {
            new SchemaManager(database).initialiseOrVerify();
            return new SqlBackendStore(database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    @Override
    public String upgrade(URI backendStoreUri) {
        // Flyway holds its lock on one connection while it migrates on another (PostgreSQL, MySQL).
        try (SqlDatabase database = SqlDatabase.open(DatabaseUri.parse(backendStoreUri), 2)) {
            return new SchemaManager(database).upgrade();
        }
    }
}

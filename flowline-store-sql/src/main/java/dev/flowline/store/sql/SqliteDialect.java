package dev.flowline.store.sql;

import java.sql.SQLException;
import java.util.Map;

/** SQLite: the embedded default, one writer connection in WAL mode. */
public record SqliteDialect() implements SqlDialect {
    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public Map<String, String> migrationPlaceholders() {
        return Map.of(
                "long_text", "TEXT",
                "double", "REAL");
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        // SQLITE_CONSTRAINT_PRIMARYKEY (1555) and SQLITE_CONSTRAINT_UNIQUE (2067) report as error code 19.
        return e.getErrorCode() == 19 && e.getMessage() != null
                && (e.getMessage().contains("UNIQUE") || e.getMessage().contains("PRIMARYKEY"));
    }

    @Override
    public boolean singleWriter() {
        return true;
    }
}

package dev.flowline.store.sql;

import java.sql.SQLException;
import java.util.Map;

/** PostgreSQL. */
public record PostgresDialect() implements SqlDialect {
    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public Map<String, String> migrationPlaceholders() {
        return Map.of(
                "long_text", "TEXT",
                "double", "DOUBLE PRECISION");
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    @Override
    public boolean singleWriter() {
        return false;
    }
}

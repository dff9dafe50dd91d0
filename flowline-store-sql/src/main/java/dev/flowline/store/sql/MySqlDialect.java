package dev.flowline.store.sql;

import java.sql.SQLException;
import java.util.Map;

/** MySQL and MariaDB (InnoDB, utf8mb4, binary collation so keys compare case-sensitively as elsewhere). */
public record MySqlDialect() implements SqlDialect {
    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public Map<String, String> migrationPlaceholders() {
        return Map.of(
                "long_text", "LONGTEXT",
                "double", "DOUBLE");
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return e.getErrorCode() == 1062;
    }

    @Override
    public boolean singleWriter() {
        return false;
    }
}

package dev.flowline.store.sql;

import dev.flowline.core.tracking.Metric;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How metric values are stored: not every database keeps NaN and the infinities in a floating-point column,
 * so a kind column says what the value is and the value column holds an orderable stand-in.
 */
final class MetricValues {
    static final int FINITE = 0;
    static final int NAN = 1;
    static final int POSITIVE_INFINITY = 2;
    static final int NEGATIVE_INFINITY = 3;

    private MetricValues() {}

    static int kind(double value) {
        if (Double.isNaN(value)) {
            return NAN;
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY;
        }
        return FINITE;
    }

    /** The stand-in stored in the value column; infinities sort beyond every finite value. */
    static double stored(double value) {
        return switch (kind(value)) {
            case NAN -> 0;
            case POSITIVE_INFINITY -> Double.MAX_VALUE;
            case NEGATIVE_INFINITY -> -Double.MAX_VALUE;
            default -> value;
        };
    }

    static double decode(double stored, int kind) {
        return switch (kind) {
            case NAN -> Double.NaN;
            case POSITIVE_INFINITY -> Double.POSITIVE_INFINITY;
            case NEGATIVE_INFINITY -> Double.NEGATIVE_INFINITY;
            default -> stored;
        };
    }

    /** Reads a metric from the columns {@code name, value, value_kind, timestamp_ms, step}. */
    static Metric read(ResultSet rs) throws SQLException {
        return new Metric(
                rs.getString("name"),
                decode(rs.getDouble("value"), rs.getInt("value_kind")),
                rs.getLong("timestamp_ms"),
                rs.getLong("step"));
    }
}

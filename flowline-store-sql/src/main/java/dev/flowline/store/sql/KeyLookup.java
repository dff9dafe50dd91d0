package dev.flowline.store.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Looks up values of a run's named rows (params, metric series) through one kept statement. */
final class KeyLookup {
    private KeyLookup() {}

    /**
     * Runs {@code select} — a kept statement taking the run id and then {@code places} names, answering name and
     * value — over the keys a slice at a time; unused places repeat a key of the slice, which selects nothing more.
     * Its text is the same for every call, so it is compiled once per connection.
     */
    static <V> Map<String, V> byKey(
            PreparedStatement select, int places, String runId, List<String> keys, ResultSetValue<V> value)
            throws SQLException {
        Map<String, V> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += places) {
            List<String> slice = keys.subList(from, Math.min(keys.size(), from + places));
            select.setString(1, runId);
            for (int i = 0; i < places; i++) {
                select.setString(i + 2, slice.get(Math.min(i, slice.size() - 1)));
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), value.read(rs, 2));
                }
            }
        }
        return found;
    }

    /** Reads a looked-up value from its column. */
    @FunctionalInterface
    interface ResultSetValue<V> {
        ResultSetValue<Long> LONG = ResultSet::getLong;
        ResultSetValue<String> STRING = ResultSet::getString;

        V read(ResultSet rs, int column) throws SQLException;
    }
}

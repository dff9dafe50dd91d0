package dev.flowline.store.sql;

import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Small helpers shared by the SQL stores. */
final class Sql {
    /** Ids per {@code IN (...)} list; keeps every database under its bind-parameter limit. */
    static final int IN_CHUNK = 500;

    private Sql() {}

    /** {@code :prefix0, :prefix1, ...} for an IN list of the given size. */
    static String names(String prefix, int size) {
        return IntStream.range(0, size).mapToObj(i -> ":" + prefix + i).collect(Collectors.joining(", "));
    }

    /** {@code ?, ?, ...}: JDBC placeholders for an IN list of the given size. */
    static String placeholders(int size) {
        return String.join(", ", java.util.Collections.nCopies(size, "?"));
    }

    /** The bindings for {@link #names(String, int)}. */
    static Map<String, Object> binds(String prefix, List<?> values) {
        Map<String, Object> binds = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            binds.put(prefix + i, values.get(i));
        }
        return binds;
    }

    /** Runs the action for consecutive slices of at most {@link #IN_CHUNK} items. */
    static <T> void chunked(List<T> items, Consumer<List<T>> action) {
        for (int from = 0; from < items.size(); from += IN_CHUNK) {
            action.accept(items.subList(from, Math.min(items.size(), from + IN_CHUNK)));
        }
    }

    static <T> List<T> distinct(List<T> items) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(items));
    }

    /** Wraps a driver failure that no caller can act on. */
    static FlowlineException internal(SQLException e) {
        return new FlowlineException(ErrorCode.INTERNAL_ERROR, "Database error: " + e.getMessage(), e);
    }
}

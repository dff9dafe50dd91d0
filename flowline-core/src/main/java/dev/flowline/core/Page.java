package dev.flowline.core;

import java.util.List;
import java.util.Optional;

/**
 * One page of results with the opaque token for the next page, empty on the last page.
 */
public record Page<T>(List<T> items, Optional<String> nextPageToken) {
    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, Optional.empty());
    }
}

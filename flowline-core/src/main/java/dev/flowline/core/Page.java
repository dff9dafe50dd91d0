package dev.flowline.core;

import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One page of results with the opaque token for the next page, empty on the last page. The items are wrapped, not
 * copied — a store may hand over a list that reads its elements as they are walked — so pass a list you no longer
 * change.
 */
public record Page<T>(List<T> items, Optional<String> nextPageToken) {
    public Page {
        items = Collections.unmodifiableList(items);
    }

    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, Optional.empty());
    }
}

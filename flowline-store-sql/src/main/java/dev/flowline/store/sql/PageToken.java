package dev.flowline.store.sql;

import dev.flowline.core.Page;
import dev.flowline.core.error.FlowlineException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Opaque page tokens: base64 of {@code {"offset": n}}. A token the store did not issue is rejected. */
final class PageToken {
    private static final Pattern FORM = Pattern.compile("\\{\"offset\": ?(\\d{1,9})}");

    private PageToken() {}

    static String encodeOffset(int offset) {
        return Base64.getUrlEncoder().encodeToString(("{\"offset\": " + offset + "}").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The page of {@code found} — read with one row more than the page holds — that starts at {@code offset}: its
     * first {@code maxResults} items, with a token for the next page when there was a row more.
     */
    static <T> Page<T> page(List<T> found, int offset, int maxResults) {
        if (found.size() <= maxResults) {
            return Page.last(found);
        }
        return new Page<>(found.subList(0, maxResults), Optional.of(encodeOffset(offset + maxResults)));
    }

    static int decodeOffset(String token) {
        try {
            String json = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
            Matcher matcher = FORM.matcher(json);
            if (matcher.matches()) {
                return Integer.parseInt(matcher.group(1));
            }
        } catch (IllegalArgumentException e) {
            // Not base64: reported below like any other foreign token.
        }
        throw FlowlineException.invalidParameter("Invalid page token, could not base64-decode");
    }
}

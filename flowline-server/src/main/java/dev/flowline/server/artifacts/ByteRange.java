package dev.flowline.server.artifacts;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code Range: bytes=…} request over an artifact of known size: {@code first-last}, {@code first-}
 * or the suffix {@code -n}. Anything else (several ranges, other units) is ignored and the whole file sent.
 *
 * @param first first byte, inclusive
 * @param last  last byte, inclusive
 */
record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    long length() {
        return last - first + 1;
    }

    /** The range asked for; empty when the header is absent or not a single byte range. */
    static Optional<Parsed> parse(Optional<String> header, long size) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.get().trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                return Optional.of(
                        suffix == 0 || size == 0
                                ? Parsed.UNSATISFIABLE
                                : new Parsed(new ByteRange(Math.max(0, size - suffix), size - 1)));
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (first >= size || last < first) {
                return Optional.of(Parsed.UNSATISFIABLE);
            }
            return Optional.of(new Parsed(new ByteRange(first, last)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A parsed header: a satisfiable range, or none (416). */
    record Parsed(ByteRange range) {
        static final Parsed UNSATISFIABLE = new Parsed(null);

        boolean satisfiable() {
            return range != null;
        }
    }
}

package dev.flowline.store.sql;

import dev.flowline.core.tracking.Metric;
import java.io.ByteArrayOutputStream;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A block of one metric series' points as stored in {@code metric_blocks.points}: the points in {@link #ORDER},
 * without repeats, as a count and then, per point, the step and timestamp as zig-zag varint deltas from the point
 * before and the value's raw IEEE bits (which keep NaN and the infinities).
 */
final class MetricBlock {
    /** Points per block: a bulk-interval read decodes whole blocks to pick a few steps from each. */
    static final int MAX_POINTS = 128;

    /**
     * The history's order: step, timestamp, value (NaN and the infinities by their stand-ins, -0.0 as 0.0, as the
     * databases compare them), then kind.
     */
    static final Comparator<Metric> ORDER = Comparator.comparingLong(Metric::step)
            .thenComparingLong(Metric::timestamp)
            .thenComparingDouble(m -> MetricValues.stored(m.value()) + 0.0)
            .thenComparingInt(m -> MetricValues.kind(m.value()));

    /** A block's row in {@code metric_blocks}; see {@link #addRows}. */
    static final String INSERT =
            "INSERT INTO metric_blocks (series_id, first_step, first_timestamp, last_step, points) VALUES (?, ?, ?, ?, ?)";

    private MetricBlock() {}

    /**
     * Adds to {@link #INSERT}'s batch the rows of a series' points, given in {@link #ORDER} without repeats: one
     * block per {@link #MAX_POINTS} points.
     */
    static void addRows(PreparedStatement insert, long seriesId, List<Metric> points) throws SQLException {
        for (int from = 0; from < points.size(); from += MAX_POINTS) {
            List<Metric> block = points.subList(from, Math.min(points.size(), from + MAX_POINTS));
            insert.setLong(1, seriesId);
            insert.setLong(2, block.getFirst().step());
            insert.setLong(3, block.getFirst().timestamp());
            insert.setLong(4, block.getLast().step());
            insert.setBytes(5, encode(block));
            insert.addBatch();
        }
    }

    /** Whether two points are the same point, which MLflow keeps once. */
    static boolean same(Metric a, Metric b) {
        return ORDER.compare(a, b) == 0;
    }

    /** Sorts the points in {@link #ORDER} and drops repeats. */
    static List<Metric> sortedDistinct(List<Metric> points) {
        List<Metric> sorted = new ArrayList<>(points);
        sorted.sort(ORDER);
        List<Metric> distinct = new ArrayList<>(sorted.size());
        for (Metric point : sorted) {
            if (distinct.isEmpty() || !same(distinct.getLast(), point)) {
                distinct.add(point);
            }
        }
        return distinct;
    }

    /** The encoding of points already in {@link #ORDER}. */
    static byte[] encode(List<Metric> points) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4 + points.size() * 12);
        writeVarint(out, points.size());
        long step = 0;
        long timestamp = 0;
        for (Metric point : points) {
            writeVarint(out, zigZag(point.step() - step));
            writeVarint(out, zigZag(point.timestamp() - timestamp));
            long bits = Double.doubleToRawLongBits(point.value());
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (bits >>> shift));
            }
            step = point.step();
            timestamp = point.timestamp();
        }
        return out.toByteArray();
    }

    /** The points of an encoded block, named {@code key}, in {@link #ORDER}. */
    static List<Metric> decode(byte[] block, String key) {
        return decode(block, key, null);
    }

    /**
     * The points of an encoded block at the steps of {@code wanted}, sorted (every point when null); the others'
     * values are skipped, not decoded. The block's steps ascend, so one walk along {@code wanted} decides.
     */
    static List<Metric> decode(byte[] block, String key, long[] wanted) {
        Reader in = new Reader(block);
        int count = (int) in.varint();
        List<Metric> points = new ArrayList<>(wanted == null ? count : Math.min(count, wanted.length));
        long step = 0;
        long timestamp = 0;
        int next = 0;
        for (int i = 0; i < count; i++) {
            step += unZigZag(in.varint());
            timestamp += unZigZag(in.varint());
            if (wanted != null) {
                while (next < wanted.length && wanted[next] < step) {
                    next++;
                }
            }
            if (wanted == null || (next < wanted.length && wanted[next] == step)) {
                points.add(new Metric(key, Double.longBitsToDouble(in.fixed64()), timestamp, step));
            } else {
                in.skip(Long.BYTES);
            }
        }
        return points;
    }

    /** The steps of an encoded block's points, in order, without decoding their values. */
    static long[] steps(byte[] block) {
        Reader in = new Reader(block);
        long[] steps = new long[(int) in.varint()];
        long step = 0;
        for (int i = 0; i < steps.length; i++) {
            step += unZigZag(in.varint());
            in.varint();
            in.skip(Long.BYTES);
            steps[i] = step;
        }
        return steps;
    }

    private static long zigZag(long n) {
        return (n << 1) ^ (n >> 63);
    }

    private static long unZigZag(long n) {
        return (n >>> 1) ^ -(n & 1);
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }

    /** Reads an encoded block front to back. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = bytes[position++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }

        long fixed64() {
            long value = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                value = (value << 8) | (bytes[position++] & 0xFF);
            }
            return value;
        }

        void skip(int count) {
            position += count;
        }
    }
}

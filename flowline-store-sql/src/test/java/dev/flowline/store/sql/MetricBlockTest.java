package dev.flowline.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowline.core.tracking.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The block encoding of a series' points, and the merge of a series' blocks into its history. */
class MetricBlockTest {

    @Test
    void aBlockKeepsEveryValueStepAndTimestampExactly() {
        List<Metric> points = MetricBlock.sortedDistinct(List.of(
                new Metric("m", Double.NaN, 5, 0),
                new Metric("m", Double.POSITIVE_INFINITY, 5, 1),
                new Metric("m", Double.NEGATIVE_INFINITY, 4, 1),
                new Metric("m", -0.0, Long.MAX_VALUE, Long.MIN_VALUE),
                new Metric("m", Double.MIN_VALUE, Long.MIN_VALUE, Long.MAX_VALUE),
                new Metric("m", 1e300, 0, -3)));

        List<Metric> decoded = MetricBlock.decode(MetricBlock.encode(points), "m");

        assertThat(decoded).hasSize(6);
        for (int i = 0; i < points.size(); i++) {
            assertThat(decoded.get(i).step()).isEqualTo(points.get(i).step());
            assertThat(decoded.get(i).timestamp()).isEqualTo(points.get(i).timestamp());
            assertThat(Double.doubleToRawLongBits(decoded.get(i).value()))
                    .isEqualTo(Double.doubleToRawLongBits(points.get(i).value()));
        }
        assertThat(MetricBlock.steps(MetricBlock.encode(points)))
                .containsExactly(Long.MIN_VALUE, -3, 0, 1, 1, Long.MAX_VALUE);
    }

    @Test
    void theSamePointIsKeptOnceAndPointsAreInStepTimestampValueOrder() {
        List<Metric> points = MetricBlock.sortedDistinct(List.of(
                new Metric("m", 2.0, 10, 1),
                new Metric("m", 1.0, 10, 1),
                new Metric("m", 2.0, 10, 1),
                new Metric("m", 0.5, 11, 0),
                new Metric("m", 0.5, 9, 1)));

        assertThat(points)
                .extracting(m -> m.step() + "/" + m.timestamp() + "/" + m.value())
                .containsExactly("0/11/0.5", "1/9/0.5", "1/10/1.0", "1/10/2.0");
    }

    @Test
    void overlappingBlocksMergeIntoOneOrderWithoutRepeats() {
        Random random = new Random(7);
        List<Metric> all = new ArrayList<>();
        List<List<Metric>> blocks = new ArrayList<>();
        for (int b = 0; b < 40; b++) {
            List<Metric> logged = new ArrayList<>();
            int firstStep = random.nextInt(200);
            for (int i = 0; i < 1 + random.nextInt(30); i++) {
                // Few timestamps and values, so points repeat across blocks.
                logged.add(new Metric("m", random.nextInt(3), random.nextInt(3), firstStep + random.nextInt(20)));
            }
            all.addAll(logged);
            blocks.add(MetricBlock.decode(MetricBlock.encode(MetricBlock.sortedDistinct(logged)), "m"));
        }
        blocks.sort(java.util.Comparator.<List<Metric>>comparingLong(
                        block -> block.getFirst().step())
                .thenComparingLong(block -> block.getFirst().timestamp()));
        List<Metric> merged = new ArrayList<>();
        BlockMerge merge = new BlockMerge(merged::add);
        blocks.forEach(merge::add);
        merge.finish();

        assertThat(merged).isEqualTo(MetricBlock.sortedDistinct(all));
    }

    @Test
    void pointsSharingOneStepArePassedOnAsSoonAsALaterTimestampStartsTheNextBlock() {
        List<Metric> merged = new ArrayList<>();
        BlockMerge merge = new BlockMerge(point -> merged.add(point) && merged.size() < 3);
        // MLflow's default step is 0: every block starts at step 0, each at a later timestamp.
        boolean more = true;
        int added = 0;
        for (long timestamp = 0; more && added < 1000; timestamp += 2, added++) {
            more = merge.add(List.of(new Metric("m", 1, timestamp, 0), new Metric("m", 2, timestamp + 1, 0)));
        }
        assertThat(added).isEqualTo(3);
        assertThat(merged).extracting(Metric::timestamp).containsExactly(0L, 1L, 2L);
    }

    @Test
    void zeroAndNegativeZeroAreTheSamePointAsTheDatabasesCompareThem() {
        assertThat(MetricBlock.sortedDistinct(List.of(new Metric("m", 0.0, 1, 1), new Metric("m", -0.0, 1, 1))))
                .hasSize(1);
    }

    @Test
    void theMergeStopsWhenItsSinkHasEnough() {
        List<Metric> merged = new ArrayList<>();
        BlockMerge merge = new BlockMerge(point -> merged.add(point) && merged.size() < 3);
        boolean more = merge.add(List.of(new Metric("m", 1, 1, 0), new Metric("m", 1, 1, 1)));
        more &= merge.add(List.of(new Metric("m", 1, 1, 2), new Metric("m", 1, 1, 3)));
        more &= merge.add(List.of(new Metric("m", 1, 1, 4)));
        merge.finish();

        assertThat(more).isFalse();
        assertThat(merged).extracting(Metric::step).containsExactly(0L, 1L, 2L);
    }
}

package dev.flowline.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flowline.core.Page;
import dev.flowline.core.error.ErrorCode;
import dev.flowline.core.error.FlowlineException;
import dev.flowline.core.tracing.TraceDeletion;
import dev.flowline.core.tracing.TraceInfo;
import dev.flowline.core.tracing.TraceSearchParser;
import dev.flowline.core.tracing.TraceSearchQuery;
import dev.flowline.core.tracing.TraceStatus;
import dev.flowline.core.tracing.TraceStore;
import dev.flowline.core.tracking.TrackingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every {@link TraceStore} keeps. A subclass supplies a trace store and the tracking store of the same
 * database (traces belong to experiments), shared by the tests of the class; each test makes its own experiments.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BaseTraceStoreTest {
    protected abstract TraceStore traces();

    protected abstract TrackingStore tracking();

    private String newExperiment() {
        return tracking().createExperiment("traces-" + UUID.randomUUID(), null, id -> "/tmp/" + id, List.of(), 1);
    }

    private TraceInfo start(
            String experimentId, long timestamp, Map<String, String> metadata, Map<String, String> tags) {
        TraceInfo trace = new TraceInfo(
                "tr-" + UUID.randomUUID().toString().replace("-", ""),
                experimentId,
                timestamp,
                null,
                TraceStatus.IN_PROGRESS,
                metadata,
                tags);
        traces().startTrace(trace);
        return trace;
    }

    private TraceInfo start(String experimentId, long timestamp) {
        return start(experimentId, timestamp, Map.of(), Map.of());
    }

    private List<String> search(List<String> experimentIds, String filter, List<String> orderBy) {
        return ids(traces().searchTraces(query(experimentIds, filter, orderBy, 100, Optional.empty())));
    }

    private static TraceSearchQuery query(
            List<String> experimentIds, String filter, List<String> orderBy, int max, Optional<String> token) {
        return new TraceSearchQuery(
                experimentIds,
                TraceSearchParser.parseFilter(filter),
                TraceSearchParser.parseOrderBy(orderBy),
                max,
                token);
    }

    private static List<String> ids(Page<TraceInfo> page) {
        return page.items().stream().map(TraceInfo::requestId).toList();
    }

    private static List<String> ids(TraceInfo... traces) {
        return java.util.Arrays.stream(traces).map(TraceInfo::requestId).toList();
    }

    @Test
    void aStartedTraceIsReadBackAsItWasStored() {
        String experiment = newExperiment();
        TraceInfo trace = start(experiment, 1000, Map.of("meta1", "apple"), Map.of("tag1", "football", "tag2", ""));

        assertThat(traces().getTraceInfo(trace.requestId())).contains(trace);
        assertThat(trace.executionTimeMs()).isNull();
    }

    @Test
    void anUnknownTraceIsEmpty() {
        assertThat(traces().getTraceInfo("tr-" + "0".repeat(32))).isEmpty();
        assertThat(traces().endTrace("tr-missing", 5, TraceStatus.OK, Map.of(), Map.of()))
                .isEmpty();
        assertThat(traces().setTraceTag("tr-missing", "k", "v")).isFalse();
        assertThat(traces().deleteTraceTag("tr-missing", "k")).isFalse();
    }

    @Test
    void endingATraceSetsItsStatusAndExecutionTimeAndMergesMetadataAndTags() {
        String experiment = newExperiment();
        TraceInfo trace = start(
                experiment,
                1000,
                Map.of("meta1", "apple", "meta2", "grape"),
                Map.of("tag1", "football", "tag2", "basketball"));

        TraceInfo ended = traces().endTrace(
                        trace.requestId(),
                        3000,
                        TraceStatus.OK,
                        Map.of("meta1", "orange", "meta3", "banana"),
                        Map.of("tag1", "soccer", "tag3", "tennis"))
                .orElseThrow();

        assertThat(ended.timestampMs()).isEqualTo(1000);
        assertThat(ended.executionTimeMs()).isEqualTo(2000);
        assertThat(ended.status()).isEqualTo(TraceStatus.OK);
        assertThat(ended.requestMetadata()).isEqualTo(Map.of("meta1", "orange", "meta2", "grape", "meta3", "banana"));
        assertThat(ended.tags()).isEqualTo(Map.of("tag1", "soccer", "tag2", "basketball", "tag3", "tennis"));
        assertThat(traces().getTraceInfo(trace.requestId())).contains(ended);
    }

    @Test
    void aTagIsSetReplacedAndDeleted() {
        TraceInfo trace = start(newExperiment(), 1000, Map.of(), Map.of("tag1", "red", "tag2", "blue"));

        assertThat(traces().setTraceTag(trace.requestId(), "tag1", "green")).isTrue();
        assertThat(traces().setTraceTag(trace.requestId(), "new", "x".repeat(8000)))
                .isTrue();
        assertThat(traces().deleteTraceTag(trace.requestId(), "tag2")).isTrue();
        assertThat(traces().deleteTraceTag(trace.requestId(), "tag2")).isFalse();

        assertThat(traces().getTraceInfo(trace.requestId()).orElseThrow().tags())
                .isEqualTo(Map.of("tag1", "green", "new", "x".repeat(8000)));
    }

    @Test
    void searchAnswersNewestFirstThenByRequestIdAndOnlyTheGivenExperiments() {
        String experiment = newExperiment();
        String other = newExperiment();
        TraceInfo first = start(experiment, 1000);
        TraceInfo second = start(experiment, 2000);
        TraceInfo tieA = start(experiment, 3000);
        TraceInfo tieB = start(experiment, 3000);
        TraceInfo elsewhere = start(other, 5000);
        List<String> ties = ids(tieA, tieB).stream().sorted().toList();

        assertThat(search(List.of(experiment), null, List.of()))
                .containsExactly(ties.get(0), ties.get(1), second.requestId(), first.requestId());
        assertThat(search(List.of(experiment, other, "not-a-number"), null, List.of("timestamp ASC")))
                .containsExactly(
                        first.requestId(), second.requestId(), ties.get(0), ties.get(1), elsewhere.requestId());
        assertThat(search(List.of("not-a-number"), null, List.of())).isEmpty();
    }

    @Test
    void searchFiltersOnAttributes() {
        String experiment = newExperiment();
        TraceInfo ok = start(experiment, 1000);
        TraceInfo error = start(experiment, 2000);
        TraceInfo running = start(experiment, 3000);
        traces().endTrace(ok.requestId(), 1500, TraceStatus.OK, Map.of(), Map.of());
        traces().endTrace(error.requestId(), 4000, TraceStatus.ERROR, Map.of(), Map.of());
        List<String> in = List.of(experiment);

        assertThat(search(in, "status = 'OK'", List.of())).containsExactly(ok.requestId());
        assertThat(search(in, "attributes.status != 'OK'", List.of()))
                .containsExactly(running.requestId(), error.requestId());
        assertThat(search(in, "status IN ('OK', 'ERROR')", List.of()))
                .containsExactly(error.requestId(), ok.requestId());
        assertThat(search(in, "trace.status NOT IN ('OK', 'ERROR')", List.of())).containsExactly(running.requestId());
        assertThat(search(in, "timestamp_ms > 1000 AND timestamp <= 2000", List.of()))
                .containsExactly(error.requestId());
        assertThat(search(in, "execution_time_ms >= 500", List.of()))
                .containsExactly(error.requestId(), ok.requestId());
        assertThat(search(in, "execution_time < 1000", List.of())).containsExactly(ok.requestId());
        assertThat(search(in, "request_id = '" + ok.requestId() + "'", List.of()))
                .containsExactly(ok.requestId());
        assertThat(search(in, "request_id IN ('" + ok.requestId() + "', 'tr-none')", List.of()))
                .containsExactly(ok.requestId());
    }

    @Test
    void searchFiltersOnTagsAndMetadataCaseSensitively() {
        String experiment = newExperiment();
        TraceInfo apple = start(
                experiment,
                1000,
                Map.of("mlflow.sourceRun", "run1", "user", "Ana"),
                Map.of("mlflow.traceName", "predict", "fruit", "apple"));
        TraceInfo pear = start(experiment, 2000, Map.of("user", "ana"), Map.of("fruit", "Apple"));
        List<String> in = List.of(experiment);

        assertThat(search(in, "tags.fruit = 'apple'", List.of())).containsExactly(apple.requestId());
        assertThat(search(in, "tag.fruit != 'apple'", List.of())).containsExactly(pear.requestId());
        assertThat(search(in, "request_metadata.user = 'ana'", List.of())).containsExactly(pear.requestId());
        assertThat(search(in, "metadata.user = 'Ana'", List.of())).containsExactly(apple.requestId());
        assertThat(search(in, "name = 'predict'", List.of())).containsExactly(apple.requestId());
        assertThat(search(in, "run_id = 'run1'", List.of())).containsExactly(apple.requestId());
        assertThat(search(in, "tags.`fruit` = 'Apple' AND metadata.user = 'ana'", List.of()))
                .containsExactly(pear.requestId());
        assertThat(search(in, "tags.missing != 'x'", List.of())).isEmpty();
    }

    @Test
    void searchOrdersByTagsAndMetadataWithMissingValuesLastInBothDirections() {
        String experiment = newExperiment();
        TraceInfo b = start(experiment, 1000, Map.of("m", "2"), Map.of("rank", "b"));
        TraceInfo a = start(experiment, 2000, Map.of("m", "1"), Map.of("rank", "a"));
        TraceInfo none = start(experiment, 3000);
        List<String> in = List.of(experiment);

        assertThat(search(in, null, List.of("tags.rank ASC")))
                .containsExactly(a.requestId(), b.requestId(), none.requestId());
        assertThat(search(in, null, List.of("tag.rank DESC")))
                .containsExactly(b.requestId(), a.requestId(), none.requestId());
        assertThat(search(in, null, List.of("request_metadata.m DESC")))
                .containsExactly(b.requestId(), a.requestId(), none.requestId());
        assertThat(search(in, null, List.of("execution_time_ms DESC", "timestamp_ms ASC")))
                .containsExactly(b.requestId(), a.requestId(), none.requestId());
    }

    @Test
    void pagesAddUpToTheWholeResult() {
        String experiment = newExperiment();
        for (int i = 0; i < 7; i++) {
            start(experiment, 1000 + i % 3);
        }
        List<String> all = search(List.of(experiment), null, List.of());
        List<String> paged = new ArrayList<>();
        Optional<String> token = Optional.empty();
        int pages = 0;
        do {
            Page<TraceInfo> page = traces().searchTraces(query(List.of(experiment), null, List.of(), 3, token));
            paged.addAll(ids(page));
            token = page.nextPageToken();
            pages++;
        } while (token.isPresent());

        assertThat(paged).isEqualTo(all).hasSize(7);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aPageTokenTheStoreDidNotIssueIsRejected() {
        assertThatThrownBy(() -> traces().searchTraces(
                                query(List.of(newExperiment()), null, List.of(), 3, Optional.of("not a token"))))
                .isInstanceOfSatisfying(
                        FlowlineException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
    }

    @Test
    void deletingByTimestampRemovesTheExperimentsOlderTracesWithTheirTagsAndMetadata() {
        String experiment = newExperiment();
        String other = newExperiment();
        TraceInfo old = start(experiment, 1000, Map.of("m", "v"), Map.of("t", "v"));
        TraceInfo edge = start(experiment, 2000);
        TraceInfo recent = start(experiment, 3000);
        TraceInfo elsewhere = start(other, 1000);

        int deleted = traces().deleteTraces(
                        new TraceDeletion(experiment, OptionalLong.of(2000), OptionalInt.empty(), List.of()));

        assertThat(deleted).isEqualTo(2);
        assertThat(traces().getTraceInfo(old.requestId())).isEmpty();
        assertThat(traces().getTraceInfo(edge.requestId())).isEmpty();
        assertThat(traces().getTraceInfo(recent.requestId())).isPresent();
        assertThat(traces().getTraceInfo(elsewhere.requestId())).isPresent();
        // A trace started again under the deleted id holds none of the old tags or metadata.
        traces().startTrace(new TraceInfo(
                old.requestId(), experiment, 1, null, TraceStatus.IN_PROGRESS, Map.of(), Map.of()));
        assertThat(traces().getTraceInfo(old.requestId()).orElseThrow().tags()).isEmpty();
        assertThat(traces().getTraceInfo(old.requestId()).orElseThrow().requestMetadata())
                .isEmpty();
    }

    @Test
    void deletingAtMostSomeTracesRemovesTheOldestFirst() {
        String experiment = newExperiment();
        TraceInfo oldest = start(experiment, 1000);
        TraceInfo older = start(experiment, 2000);
        TraceInfo newest = start(experiment, 3000);

        int deleted = traces().deleteTraces(
                        new TraceDeletion(experiment, OptionalLong.of(Long.MAX_VALUE), OptionalInt.of(2), List.of()));

        assertThat(deleted).isEqualTo(2);
        assertThat(search(List.of(experiment), null, List.of())).containsExactly(newest.requestId());
        assertThat(traces().getTraceInfo(oldest.requestId())).isEmpty();
        assertThat(traces().getTraceInfo(older.requestId())).isEmpty();
    }

    @Test
    void deletingByRequestIdsRemovesOnlyThoseOfTheExperiment() {
        String experiment = newExperiment();
        String other = newExperiment();
        TraceInfo gone = start(experiment, 1000);
        TraceInfo kept = start(experiment, 2000);
        TraceInfo elsewhere = start(other, 1000);

        int deleted = traces().deleteTraces(new TraceDeletion(
                experiment,
                OptionalLong.empty(),
                OptionalInt.empty(),
                List.of(gone.requestId(), gone.requestId(), elsewhere.requestId(), "tr-none")));

        assertThat(deleted).isEqualTo(1);
        assertThat(traces().getTraceInfo(gone.requestId())).isEmpty();
        assertThat(traces().getTraceInfo(kept.requestId())).isPresent();
        assertThat(traces().getTraceInfo(elsewhere.requestId())).isPresent();
        assertThat(traces().deleteTraces(
                                new TraceDeletion("no-such", OptionalLong.of(5000), OptionalInt.empty(), List.of())))
                .isZero();
    }
}

package dev.streampipe.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.batch.RetryableSinkException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryStateStoreTest {
    private static final StoreSpec TABLE = new StoreSpec("by-status", List.of("count"), null, 1);
    private static final StoreSpec WINDOWS = new StoreSpec("per-minute", List.of("count"),
            TimeWindows.ofSize(Duration.ofMinutes(1)), 1);
    private final InMemoryStateStore store = new InMemoryStateStore(List.of(TABLE, WINDOWS));

    private static GroupKey g(String group) {
        return GroupKey.of("by-status", group);
    }

    private long count(String group) {
        return store.get(List.of(g(group))).getOrDefault(g(group), new long[] {0})[0];
    }

    @Test
    void shouldTakeBackGroupsTheEarlierContributionHadWhenABatchIsAppliedAgain() {
        // GIVEN batch b-1 added 2 to OPEN and 1 to CLOSED
        store.apply("b-1", Map.of(g("OPEN"), new long[] {2}, g("CLOSED"), new long[] {1}));

        // WHEN the same batch id applies a contribution to OPEN only (its first half, say)
        store.apply("b-1", Map.of(g("OPEN"), new long[] {1}));

        // THEN CLOSED lost what b-1 had added, OPEN holds the new contribution only
        assertThat(count("OPEN")).isEqualTo(1);
        assertThat(count("CLOSED")).isZero();
    }

    @Test
    void shouldAddContributionsOfDifferentBatchesWhenTheirIdsDiffer() {
        // WHEN two batches apply
        store.apply("b-1", Map.of(g("OPEN"), new long[] {2}));
        store.apply("b-2", Map.of(g("OPEN"), new long[] {-1}));

        // THEN both count
        assertThat(count("OPEN")).isEqualTo(1);
    }

    @Test
    void shouldRefuseAKeyOfAClosedWindowAndApplyTheRestWhenALateRecordArrives() {
        // GIVEN the minute 0..60 s closed by stream time 61 s
        GroupKey early = new GroupKey("per-minute", "a", 0);
        store.apply("b-1", Map.of(early, new long[] {1}));
        List<ClosedWindow> closed = store.closeDue("per-minute", 61_000);

        // WHEN a batch adds to that window and to the next
        GroupKey next = new GroupKey("per-minute", "a", 60_000);
        var refused = store.apply("b-2", Map.of(early, new long[] {5}, next, new long[] {1}));

        // THEN the late key is refused, the other applied, and the closed window is due until emitted
        assertThat(closed).singleElement().satisfies(w -> assertThat(w.finalValues().get("a")).containsExactly(1));
        assertThat(refused).containsExactly(early);
        assertThat(store.all("per-minute").get(early)).containsExactly(1);
        assertThat(store.all("per-minute").get(next)).containsExactly(1);
        assertThat(store.closeDue("per-minute", 0)).hasSize(1);
        store.emitted("per-minute", 0);
        assertThat(store.closeDue("per-minute", 0)).isEmpty();
        assertThat(store.streamTime("per-minute")).isEqualTo(61_000);
    }

    @Test
    void shouldThrowTheInjectedFaultThenRecoverWhenThrottled() {
        // GIVEN one throttled call
        store.throttle(1);

        // WHEN / THEN the first call fails retryably and applies nothing, the next succeeds
        assertThatThrownBy(() -> store.apply("b-1", Map.of(g("OPEN"), new long[] {1})))
                .isInstanceOf(RetryableSinkException.class).hasMessageContaining("throttled");
        store.apply("b-1", Map.of(g("OPEN"), new long[] {1}));
        assertThat(count("OPEN")).isEqualTo(1);
        assertThat(store.applyCalls()).isEqualTo(1);
    }

    @Test
    void shouldSpreadBatchesOverEveryWriteShardWhenAStoreHasSeveral() {
        // GIVEN a store spread over 8 write shards
        StoreSpec spec = new StoreSpec("hot", List.of("count"), null, 8);

        // WHEN 10,000 batch ids pick their shard
        int[] perShard = new int[8];
        for (int i = 0; i < 10_000; i++) {
            perShard[spec.writeShardOf("event-" + i)]++;
        }

        // THEN every shard takes between 10% and 15% of them, and a batch id always picks the same one
        assertThat(Arrays.stream(perShard).boxed().toList())
                .allSatisfy(n -> assertThat(n).isBetween(1_000, 1_500));
        assertThat(spec.writeShardOf("event-7")).isEqualTo(spec.writeShardOf("event-7"));
    }
}

package dev.streampipe.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.batch.RetryableSinkException;
import dev.streampipe.core.state.GroupKey;
import dev.streampipe.router.RouterWiring;
import dev.streampipe.router.SessionSchema;
import dev.streampipe.router.SessionTopology;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chaos run's state store: its per-invocation faults, its late count, and the broken variant's missing guard. */
class ChaosStateStoreTest {
    private static final GroupKey ACTIVE = GroupKey.of(SessionTopology.SESSIONS_BY_STATUS, "active");
    private static final long WINDOW = 1_735_689_600_000L;
    private static final GroupKey ESCALATION = new GroupKey(SessionTopology.HANDOFFS_BY_REASON, "escalation", WINDOW);

    private static ChaosStateStore store(boolean noGuard) {
        return new ChaosStateStore(RouterWiring.inMemoryStateStore(SessionSchema.DEFAULT), noGuard);
    }

    @Test
    void shouldFailOnlyTheCallsAfterTheFirstOnesWhenAThrottlingBurstIsProgrammed() {
        // GIVEN a burst of two calls after the first
        ChaosStateStore store = store(false);
        store.throttle(1, 2);

        // WHEN / THEN the first call goes through, the next two fail retryably, the fourth goes through
        store.apply("ev-1", Map.of(ACTIVE, new long[] {1}));
        assertThatThrownBy(() -> store.get(List.of(ACTIVE))).isInstanceOf(RetryableSinkException.class)
                .hasMessageContaining("ProvisionedThroughputExceededException");
        assertThatThrownBy(() -> store.closeDue(SessionTopology.HANDOFFS_BY_REASON, WINDOW))
                .isInstanceOf(RetryableSinkException.class);
        assertThat(store.get(List.of(ACTIVE)).get(ACTIVE)).containsExactly(1);
    }

    @Test
    void shouldFailEveryCallUntilTheInvocationEndsWhenAnOutageIsProgrammed() {
        // GIVEN
        ChaosStateStore store = store(false);
        store.outage();

        // WHEN / THEN
        assertThatThrownBy(() -> store.apply("ev-1", Map.of(ACTIVE, new long[] {1})))
                .isInstanceOf(RetryableSinkException.class).hasMessageContaining("outage");
        assertThatThrownBy(() -> store.emitted(SessionTopology.HANDOFFS_BY_REASON, WINDOW))
                .isInstanceOf(RetryableSinkException.class);
        store.endInvocation();
        store.apply("ev-1", Map.of(ACTIVE, new long[] {1}));
        assertThat(store.all(SessionTopology.SESSIONS_BY_STATUS).get(ACTIVE)).containsExactly(1);
    }

    @Test
    void shouldApplyTheWriteThenFailWhenItsAnswerIsLost() {
        // GIVEN
        ChaosStateStore store = store(false);
        store.loseNextAnswer();

        // WHEN the write fails, and comes again under its batch id
        assertThatThrownBy(() -> store.apply("ev-1", Map.of(ACTIVE, new long[] {1})))
                .isInstanceOf(RetryableSinkException.class).hasMessageContaining("after it was applied");
        long afterLostAnswer = store.all(SessionTopology.SESSIONS_BY_STATUS).get(ACTIVE)[0];
        store.apply("ev-1", Map.of(ACTIVE, new long[] {1}));

        // THEN it had taken effect, and the second apply replaced it
        assertThat(afterLostAnswer).isEqualTo(1);
        assertThat(store.all(SessionTopology.SESSIONS_BY_STATUS).get(ACTIVE)).containsExactly(1);
    }

    @Test
    void shouldCountTheLateHandoffsOfTheApplyThatStandsForEachBatchWhenABatchComesAgain() {
        // GIVEN the window closed, then a batch of three late handoffs applied twice
        ChaosStateStore store = store(false);
        store.closeDue(SessionTopology.HANDOFFS_BY_REASON, WINDOW + 3_600_000);
        store.apply("ev-7", Map.of(ESCALATION, new long[] {3}));

        // WHEN
        store.apply("ev-7", Map.of(ESCALATION, new long[] {3}));

        // THEN three refused, not six
        assertThat(store.lateRefused()).isEqualTo(3);
        assertThat(store.all(SessionTopology.HANDOFFS_BY_REASON)).isEmpty();
    }

    @Test
    void shouldAddABatchAgainWhenItComesAgainWithoutTheGuard() {
        // GIVEN the broken variant's store
        ChaosStateStore store = store(true);

        // WHEN one batch is applied twice
        store.apply("ev-1", Map.of(ACTIVE, new long[] {1}));
        store.apply("ev-1", Map.of(ACTIVE, new long[] {1}));

        // THEN it counted twice
        assertThat(store.all(SessionTopology.SESSIONS_BY_STATUS).get(ACTIVE)).containsExactly(2);
        assertThat(store.applyCalls()).isEqualTo(2);
    }
}

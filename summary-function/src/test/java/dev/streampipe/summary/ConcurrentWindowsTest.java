package dev.streampipe.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ConcurrentWindowsTest {

    private final List<SummaryRequest> calls = Collections.synchronizedList(new ArrayList<>());

    private Function<SummaryRequest, SummaryResult> written() {
        return r -> {
            calls.add(r);
            return new SummaryResult(r.sessionId(), r.window(), SummaryResult.Status.WRITTEN);
        };
    }

    @Test
    void shouldRunExactlyTheBoundAtOnceWhenABatchHasMoreSessions() {
        // GIVEN eight sessions, a bound of four, and a window step that only proceeds once four callers are inside
        // it (so a run of fewer than four at once never finishes) and counts how many are inside at most
        CyclicBarrier four = new CyclicBarrier(4);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Function<SummaryRequest, SummaryResult> step = r -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                four.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("four callers never met", e);
            } finally {
                inside.decrementAndGet();
            }
            return written().apply(r);
        };
        List<SummaryRequest> batch = IntStream.rangeClosed(1, 8).mapToObj(i -> new SummaryRequest("s-" + i, 1)).toList();

        // WHEN
        List<SummaryResult> results = new ConcurrentWindows(step, 4).runAll(batch);

        // THEN all eight ran, four at a time and never more, results in payload order
        assertThat(most).hasValue(4);
        assertThat(results).extracting(SummaryResult::sessionId)
                .containsExactlyElementsOf(batch.stream().map(SummaryRequest::sessionId).toList());
    }

    @Test
    void shouldRunASessionsWindowsInAscendingOrderAndEachDuplicateOnceWhenPayloadMixesThem() {
        // GIVEN one session's windows out of order, one of them twice
        List<SummaryRequest> batch = List.of(new SummaryRequest("s-1", 3), new SummaryRequest("s-1", 1),
                new SummaryRequest("s-1", 3), new SummaryRequest("s-1", 2));

        // WHEN
        List<SummaryResult> results = new ConcurrentWindows(written(), 4).runAll(batch);

        // THEN windows 1, 2, 3 once each in that order; one result per distinct window, in payload order
        assertThat(calls).extracting(SummaryRequest::window).containsExactly(1L, 2L, 3L);
        assertThat(results).extracting(SummaryResult::window).containsExactly(3L, 1L, 2L);
    }

    @Test
    void shouldRunEveryOtherWindowAndReportTheFailedOnesRetryablyWhenAnyFailureMayHeal() {
        // GIVEN five sessions where s-2 fails permanently and s-4 retryably
        Function<SummaryRequest, SummaryResult> step = r -> switch (r.sessionId()) {
            case "s-2" -> throw new PermanentSummaryException("corrupt turn");
            case "s-4" -> throw new RetryableSummaryException("incomplete");
            default -> written().apply(r);
        };
        List<SummaryRequest> batch = IntStream.rangeClosed(1, 5).mapToObj(i -> new SummaryRequest("s-" + i, 1)).toList();

        // WHEN / THEN the three others ran, and one retryable failure names both, each cause suppressed on it
        assertThatThrownBy(() -> new ConcurrentWindows(step, 2).runAll(batch))
                .isInstanceOf(RetryableSummaryException.class)
                .hasMessage("2 of 5 windows failed (3 done, a retry redoes only the failed): s-2#1: corrupt turn; "
                        + "s-4#1: incomplete")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage)
                        .containsExactly("corrupt turn", "incomplete"));
        assertThat(calls).extracting(SummaryRequest::sessionId).containsExactlyInAnyOrder("s-1", "s-3", "s-5");
    }

    @Test
    void shouldFailPermanentlyWhenEveryFailureIsPermanent() {
        // GIVEN
        Function<SummaryRequest, SummaryResult> step = r -> {
            throw new PermanentSummaryException("bad " + r.window());
        };

        // WHEN / THEN
        assertThatThrownBy(() -> new ConcurrentWindows(step, 2).runAll(List.of(new SummaryRequest("s-1", 1),
                new SummaryRequest("s-2", 1)))).isInstanceOf(PermanentSummaryException.class)
                .hasMessageStartingWith("2 of 2 windows failed (0 done");
    }

    @Test
    void shouldRefuseABoundOutsideOneTo64() {
        // WHEN / THEN
        assertThatThrownBy(() -> new ConcurrentWindows(written(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window concurrency must be 1..64, was 0");
    }
}

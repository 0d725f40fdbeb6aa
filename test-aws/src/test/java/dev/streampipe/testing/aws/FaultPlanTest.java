package dev.streampipe.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    private static final InjectedError THROTTLED = new InjectedError("ThrottlingException", "slow down", 400);
    private static final InjectedError FAILED = InjectedError.of("InternalFailure");

    private final FaultPlan<String> plan = new FaultPlan<>();

    @Test
    void shouldAcceptEverythingWhenNoFaultIsProgrammed() {
        // WHEN
        FaultPlan.Decision decision = plan.decide(List.of("a", "b"));
        // THEN
        assertThat(decision.callError()).isNull();
        assertThat(decision.entryErrors()).isEmpty();
    }

    @Test
    void shouldFailExactlyNCallsWhenCallsAreFailed() {
        // GIVEN
        plan.failCalls(2, THROTTLED);
        // WHEN
        List<InjectedError> errors = List.of(plan.decide(List.of("a")), plan.decide(List.of("a")),
                plan.decide(List.of("a"))).stream().map(FaultPlan.Decision::callError).toList();
        // THEN
        assertThat(errors).containsExactly(THROTTLED, THROTTLED, null);
    }

    @Test
    void shouldFailEachMatchingEntryForItsFirstAttemptsWhenRuleMatches() {
        // GIVEN
        plan.failEntriesMatching(e -> e.startsWith("bad"), FAILED, 2);
        // WHEN
        FaultPlan.Decision first = plan.decide(List.of("ok", "bad-1", "bad-2"));
        FaultPlan.Decision second = plan.decide(List.of("bad-1"));
        FaultPlan.Decision third = plan.decide(List.of("bad-1", "bad-2", "bad-3"));
        // THEN
        assertThat(first.entryErrors()).containsOnlyKeys(1, 2);
        assertThat(second.entryErrors()).containsOnlyKeys(0);
        assertThat(third.entryErrors()).as("bad-1 used its 2 attempts, bad-2 has one left, bad-3 is new")
                .containsOnlyKeys(1, 2);
    }

    @Test
    void shouldFailPositionsOnlyForGivenCallsWhenIndexRuleIsProgrammed() {
        // GIVEN
        plan.failEntriesAt(Set.of(0, 2, 9), FAILED, 1);
        // WHEN
        FaultPlan.Decision first = plan.decide(List.of("a", "b", "c"));
        FaultPlan.Decision second = plan.decide(List.of("a", "b", "c"));
        // THEN
        assertThat(first.entryErrors()).containsOnlyKeys(0, 2).containsValue(FAILED);
        assertThat(second.entryErrors()).isEmpty();
    }

    @Test
    void shouldNotConsumeEntryAttemptsWhenWholeCallFails() {
        // GIVEN
        plan.failCalls(1, THROTTLED);
        plan.failEntriesMatching(e -> true, FAILED, 1);
        // WHEN
        FaultPlan.Decision throttled = plan.decide(List.of("a"));
        FaultPlan.Decision retried = plan.decide(List.of("a"));
        // THEN
        assertThat(throttled.callError()).isEqualTo(THROTTLED);
        assertThat(retried.entryErrors()).containsEntry(0, FAILED);
    }

    @Test
    void shouldApplyFirstClaimingRuleWhenRulesOverlap() {
        // GIVEN
        InjectedError other = InjectedError.of("ThrottlingException");
        plan.failEntriesAt(Set.of(0), FAILED, 1);
        plan.failEntriesMatching(e -> true, other, 1);
        // WHEN
        FaultPlan.Decision decision = plan.decide(List.of("a", "b"));
        // THEN
        assertThat(decision.entryErrors()).containsEntry(0, FAILED).containsEntry(1, other);
    }

    @Test
    void shouldForgetFaultsWhenCleared() {
        // GIVEN
        plan.failCalls(1, THROTTLED);
        plan.failEntriesMatching(e -> true, FAILED, 1);
        // WHEN
        plan.clear();
        // THEN
        assertThat(plan.decide(List.of("a"))).isEqualTo(new FaultPlan.Decision(null, Map.of()));
    }

    @Test
    void shouldRejectBudgetsAndIndexesWhenOutOfRange() {
        assertThatThrownBy(() -> plan.failCalls(0, THROTTLED)).hasMessage("calls must be >= 1, was 0");
        assertThatThrownBy(() -> plan.failEntriesMatching(e -> true, FAILED, -1))
                .hasMessage("attempts must be >= 1, was -1");
        assertThatThrownBy(() -> plan.failEntriesAt(Set.of(-2), FAILED, 1))
                .hasMessage("entry index must be >= 0, was -2");
    }

    @Test
    void shouldDeriveStatusFromCodeWhenErrorIsBuiltFromCodeOnly() {
        assertThat(InjectedError.of("ServiceUnavailableException").httpStatus()).isEqualTo(500);
        assertThat(InjectedError.of("TooManyRequestsException").httpStatus()).isEqualTo(429);
        assertThat(InjectedError.of("ValidationException").httpStatus()).isEqualTo(400);
        assertThatThrownBy(() -> new InjectedError("X", "m", 302)).hasMessage("httpStatus must be 400..599, was 302");
    }
}

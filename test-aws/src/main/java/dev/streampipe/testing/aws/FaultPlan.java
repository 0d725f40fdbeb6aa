package dev.streampipe.testing.aws;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The faults programmed for one service, and the decision for each call. Thread-safe: every decision is
 * taken under the plan's lock, so concurrent calls consume budgets exactly once.
 *
 * <p>Order of evaluation per call: the oldest whole-call fault with budget left fails the call (no entry rule
 * is consulted or consumed); otherwise each entry gets the error of the first entry rule that claims it.
 *
 * @param <E> entry type
 */
final class FaultPlan<E> {

    /** What to answer for one call. */
    record Decision(InjectedError callError, Map<Integer, InjectedError> entryErrors) {
    }

    private final Deque<CallFault> callFaults = new ArrayDeque<>();
    private final List<EntryRule<E>> entryRules = new ArrayList<>();

    /** The next {@code calls} calls (after earlier call faults are used up) fail with {@code error}. */
    synchronized void failCalls(int calls, InjectedError error) {
        callFaults.add(new CallFault(error, requirePositive("calls", calls)));
    }

    /** Entries matching {@code matcher} fail their first {@code attempts} attempts; equal entries share a count. */
    synchronized void failEntriesMatching(Predicate<? super E> matcher, InjectedError error, int attempts) {
        entryRules.add(new MatchingRule<>(matcher, error, requirePositive("attempts", attempts)));
    }

    /** In each of the next {@code calls} calls, entries at {@code indexes} fail. */
    synchronized void failEntriesAt(Set<Integer> indexes, InjectedError error, int calls) {
        for (int index : indexes) {
            if (index < 0) {
                throw new IllegalArgumentException("entry index must be >= 0, was " + index);
            }
        }
        entryRules.add(new IndexRule<>(Set.copyOf(indexes), error, requirePositive("calls", calls)));
    }

    synchronized void clear() {
        callFaults.clear();
        entryRules.clear();
    }

    synchronized Decision decide(List<E> entries) {
        CallFault callFault = callFaults.peek();
        if (callFault != null) {
            if (--callFault.remaining == 0) {
                callFaults.remove();
            }
            return new Decision(callFault.error, Map.of());
        }
        entryRules.forEach(EntryRule::beginCall);
        Map<Integer, InjectedError> errors = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            for (EntryRule<E> rule : entryRules) {
                InjectedError error = rule.apply(i, entries.get(i));
                if (error != null) {
                    errors.put(i, error);
                    break;
                }
            }
        }
        entryRules.removeIf(EntryRule::exhausted);
        return new Decision(null, errors);
    }

    private static int requirePositive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + value);
        }
        return value;
    }

    private static final class CallFault {
        private final InjectedError error;
        private int remaining;

        CallFault(InjectedError error, int remaining) {
            this.error = error;
            this.remaining = remaining;
        }
    }

    private interface EntryRule<E> {
        void beginCall();

        /** The error for this entry, or {@code null} if the rule does not claim it. */
        InjectedError apply(int index, E entry);

        boolean exhausted();
    }

    private static final class MatchingRule<E> implements EntryRule<E> {
        private final Predicate<? super E> matcher;
        private final InjectedError error;
        private final int attempts;
        private final Map<E, Integer> seen = new HashMap<>();

        MatchingRule(Predicate<? super E> matcher, InjectedError error, int attempts) {
            this.matcher = matcher;
            this.error = error;
            this.attempts = attempts;
        }

        @Override
        public void beginCall() {
        }

        @Override
        public InjectedError apply(int index, E entry) {
            if (!matcher.test(entry)) {
                return null;
            }
            int attempt = seen.merge(entry, 1, Integer::sum);
            return attempt <= attempts ? error : null;
        }

        @Override
        public boolean exhausted() {
            return false;
        }
    }

    private static final class IndexRule<E> implements EntryRule<E> {
        private final Set<Integer> indexes;
        private final InjectedError error;
        private int callsLeft;
        private boolean active;

        IndexRule(Set<Integer> indexes, InjectedError error, int calls) {
            this.indexes = indexes;
            this.error = error;
            this.callsLeft = calls;
        }

        @Override
        public void beginCall() {
            active = callsLeft > 0;
            if (active) {
                callsLeft--;
            }
        }

        @Override
        public InjectedError apply(int index, E entry) {
            return active && indexes.contains(index) ? error : null;
        }

        @Override
        public boolean exhausted() {
            return callsLeft == 0;
        }
    }
}

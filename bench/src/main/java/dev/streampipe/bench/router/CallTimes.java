package dev.streampipe.bench.router;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Each SDK call's time on the wire (sent to answered), for the clients it is added to; and from those the longest
 * chain of calls one after another: the round trips on the batch's critical path.
 */
final class CallTimes implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> SENT = new ExecutionAttribute<>("streampipe.bench.sent");
    private final List<long[]> calls = new ArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(SENT, System.nanoTime());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        long end = System.nanoTime();
        synchronized (calls) {
            calls.add(new long[] {attributes.getAttribute(SENT), end});
        }
    }

    void reset() {
        synchronized (calls) {
            calls.clear();
        }
    }

    /** The most calls of the recorded ones such that each was sent after the one before was answered. */
    int sequentialRoundTrips() {
        List<long[]> sorted;
        synchronized (calls) {
            sorted = new ArrayList<>(calls);
        }
        sorted.sort(Comparator.comparingLong(c -> c[1]));
        int[] chain = new int[sorted.size()];
        int longest = 0;
        for (int i = 0; i < sorted.size(); i++) {
            chain[i] = 1;
            for (int j = 0; j < i && sorted.get(j)[1] <= sorted.get(i)[0]; j++) {
                chain[i] = Math.max(chain[i], chain[j] + 1);
            }
            longest = Math.max(longest, chain[i]);
        }
        return longest;
    }
}

package dev.streampipe.core.batch.internal;

import dev.streampipe.core.batch.BatchRetryException;
import dev.streampipe.core.decode.DecodedBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-record failure state of one batch: the first retryable failure of each record, and every (record, route)
 * that is poison with its reason (route {@code null}: the whole record, when it could not be decoded). Used by one
 * thread.
 */
public final class BatchTracker {
    private final String[] retry;
    private final List<Map<String, String>> poison;

    public BatchTracker(int size) {
        retry = new String[size];
        poison = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            poison.add(null);
        }
    }

    void retry(int index, String reason) {
        if (retry[index] == null) {
            retry[index] = reason;
        }
    }

    /** Marks (record, route) poison; the first reason for a pair is kept. */
    void poison(int index, String routeOrNull, String reason) {
        Map<String, String> routes = poison.get(index);
        if (routes == null) {
            routes = new LinkedHashMap<>();
            poison.set(index, routes);
        }
        routes.putIfAbsent(routeOrNull, reason);
    }

    int earliestRetry() {
        for (int i = 0; i < retry.length; i++) {
            if (retry[i] != null) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    /**
     * How many records, from the first, the aggregations' state may take: all of them when none failed retryably,
     * else those before the record whose sequence number {@link #failedFrom} reports (Lambda delivers that record
     * and the ones after it again); 0 when the whole batch will come again.
     */
    int stateEnd(DecodedBatch batch) {
        int earliest = earliestRetry();
        if (earliest == Integer.MAX_VALUE) {
            return batch.size();
        }
        for (int i = earliest; i >= 0; i--) {
            var seq = batch.outcomes().get(i).sequenceNumber();
            if (seq.isPresent() && !seq.get().isEmpty()) {
                return i;
            }
        }
        return 0;
    }

    String retryReason(int index) {
        return retry[index];
    }

    /** Route (or {@code null}) to reason for every poison pair of record {@code index}; empty when none. */
    Map<String, String> poisonOf(int index) {
        Map<String, String> routes = poison.get(index);
        return routes == null ? Map.of() : routes;
    }

    /** One line per record that failed retryably, earliest first. */
    public List<String> retryReasons() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < retry.length; i++) {
            if (retry[i] != null) {
                out.add("record " + i + ": " + retry[i]);
            }
        }
        return out;
    }

    /**
     * The sequence number Lambda must be told: the earliest retryable record's, or the nearest earlier readable one
     * when it has none; {@code null} when no record failed retryably. Throws {@link BatchRetryException} when no
     * sequence number at or before that record is readable.
     */
    public String failedFrom(DecodedBatch batch) {
        int earliest = earliestRetry();
        if (earliest == Integer.MAX_VALUE) {
            return null;
        }
        for (int i = earliest; i >= 0; i--) {
            var seq = batch.outcomes().get(i).sequenceNumber();
            if (seq.isPresent() && !seq.get().isEmpty()) {
                return seq.get();
            }
        }
        throw new BatchRetryException("record " + earliest + " failed (" + retryReason(earliest)
                + ") and no sequence number at or before it is readable; the whole batch must be retried");
    }
}

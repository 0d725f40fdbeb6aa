package dev.streampipe.core.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-record failure state of one batch: the first retryable failure of each record, and every (record, route)
 * that is poison with its reason (route {@code null}: the whole record, when it could not be decoded). Used by one
 * thread.
 */
final class BatchTracker {
    private final String[] retry;
    private final List<Map<String, String>> poison;

    BatchTracker(int size) {
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

    String retryReason(int index) {
        return retry[index];
    }

    /** Route (or {@code null}) to reason for every poison pair of record {@code index}; empty when none. */
    Map<String, String> poisonOf(int index) {
        Map<String, String> routes = poison.get(index);
        return routes == null ? Map.of() : routes;
    }

    List<String> retryReasons() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < retry.length; i++) {
            if (retry[i] != null) {
                out.add("record " + i + ": " + retry[i]);
            }
        }
        return out;
    }
}

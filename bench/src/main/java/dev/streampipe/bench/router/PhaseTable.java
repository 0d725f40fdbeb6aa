package dev.streampipe.bench.router;

import dev.streampipe.core.batch.BatchPhases;
import dev.streampipe.core.batch.Phase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * The router's wall time per phase (median over the runs; where in the batch it starts and how long it takes)
 * beside the per-record path's decode, route and sends, the totals, and the round trips on the critical path
 * against the minimum.
 */
final class PhaseTable {
    private static final String[] LEDGERED = {"status-events", "handoffs"};
    private static final String[] OTHERS = {"analytics", "summary-trigger", "audit"};
    private static final double GOAL_MS = 30;

    private PhaseTable() {
    }

    static void print(long latencyMs, List<BatchPhases> router, List<Long> routerNanos, List<Integer> routerTrips,
                      List<NaiveFanOut.Timing> naive, List<Long> naiveNanos, int naiveTrips, long minimumTrips) {
        System.out.printf("Wall time per phase (median of %d runs; 'from' = start after the batch's first phase)%n",
                router.size());
        System.out.printf("%-34s %10s %10s   %12s%n", "phase", "from ms", "router ms", "per-record ms");
        row(router, "decode", Phase.DECODE, null, naiveMs(naive, t -> t.decodeNanos));
        row(router, "route: routes to ledgered sinks", Phase.ROUTE_LEDGERED, null, null);
        row(router, "route: the other routes", Phase.ROUTE_OTHERS, null, naiveMs(naive, t -> t.routeNanos));
        for (String sink : LEDGERED) {
            row(router, sink + ": ledger read", Phase.LEDGER_READ, sink, null);
            row(router, sink + ": sends", Phase.SEND, sink, null);
            row(router, sink + ": ledger write", Phase.LEDGER_WRITE, sink, null);
            row(router, sink + ": delivery", Phase.DELIVERY, sink, null);
        }
        for (String sink : OTHERS) {
            row(router, sink + ": delivery", Phase.DELIVERY, sink, null);
        }
        System.out.printf("%-34s %10s %10s   %12.1f%n", "sends (all sinks, one after another)", "", "",
                naiveMs(naive, t -> t.sendNanos));
        row(router, "dead letters", Phase.DEAD_LETTER, null, null);
        row(router, "tail (result, log lines, response)", Phase.TAIL, null, null);
        double routerTotal = median(routerNanos) / 1e6;
        System.out.printf("%-34s %10s %10.1f   %12.1f%n", "total (handle)", "", routerTotal,
                median(naiveNanos) / 1e6);
        long trips = Math.round(median(routerTrips.stream().map(Integer::longValue).toList()));
        System.out.printf("Round trips on the critical path: router %d (median; runs %s), minimum %d (ledger read,"
                + " the most rounds of one sink, ledger write); per-record %d%n", trips, routerTrips, minimumTrips,
                naiveTrips);
        double floor = minimumTrips * latencyMs;
        System.out.printf("Goal <= %.0f ms at 5 ms per call: %s (router %.1f ms at %d ms per call; its round-trip floor"
                        + " %d x %d ms = %.0f ms%s)%n", GOAL_MS,
                latencyMs != 5 ? "not measured here (run with latencyMs=5)" : routerTotal <= GOAL_MS ? "MET" : "NOT MET",
                routerTotal, latencyMs, minimumTrips, latencyMs, floor,
                floor > GOAL_MS ? ", above the goal: the goal needs fewer sequential rounds" : "");
    }

    private static void row(List<BatchPhases> runs, String label, Phase phase, String sink, Double naiveMs) {
        List<Long> from = new ArrayList<>();
        List<Long> took = new ArrayList<>();
        for (BatchPhases p : runs) {
            Optional<BatchPhases.Span> s = p.span(phase, sink);
            if (s.isPresent()) {
                from.add(s.get().startNanos() - p.startNanos());
                took.add(s.get().endNanos() - s.get().startNanos());
            }
        }
        String naive = naiveMs == null ? "" : String.format("%.1f", naiveMs);
        if (took.isEmpty()) {
            System.out.printf("%-34s %10s %10s   %12s%n", label, "-", "(none)", naive);
            return;
        }
        System.out.printf("%-34s %10.1f %10.1f   %12s%n", label, median(from) / 1e6, median(took) / 1e6, naive);
    }

    private static double naiveMs(List<NaiveFanOut.Timing> runs, ToLongFunction<NaiveFanOut.Timing> phase) {
        return median(runs.stream().map(phase::applyAsLong).toList()) / 1e6;
    }

    static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n == 0 ? 0 : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}

package dev.streampipe.bench.router;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Prints the fan-out comparison. */
final class Report {
    private Report() {
    }

    static void print(Path eventFile, byte[] event, java.time.Duration latency, int runs, int warmups,
                      RouterFanOutBenchmark.Counts router, RouterFanOutBenchmark.Counts naive,
                      List<Long> routerNanos, List<Long> naiveNanos, MinimumCalls min) {
        String[][] ops = RouterFanOutBenchmark.operations();
        System.out.printf("Router fan-out: %s (%,d bytes), loopback AWS with %d ms per call, %d measured runs"
                + " (after %d warm-up runs without latency)%n", eventFile, event.length, latency.toMillis(), runs,
                warmups);
        System.out.printf("%-16s %9s  %-22s %-26s %8s%n", "sink", "messages", "naive calls", "router calls", "minimum");
        for (int i = 0; i < ops.length; i++) {
            System.out.printf("%-16s %9d  %-22s %-26s %8d%n", ops[i][0], min.messages()[i],
                    naive.perSink()[i] + " " + ops[i][2], router.perSink()[i] + " " + ops[i][3], min.minimum()[i]);
        }
        System.out.printf("%-16s %9s  %-22s %-26s %8d%n", "ledger (DynamoDB)", "-", "0 (no ledger)",
                router.ledgerGets() + " BatchGet + " + router.ledgerWrites() + " BatchWrite",
                min.ledgerGets() + min.ledgerWrites());
        int routerWithoutLedger = router.total() - router.ledgerGets() - router.ledgerWrites();
        System.out.printf("%-16s %9s  %-22d %-26d %8d%n", "total", "", naive.total(), router.total(), min.total());
        System.out.printf("API calls: router %d = minimum %d: %s; naive/router = %.1fx"
                        + " (without the ledger, which the naive design lacks: %d vs %d, %.1fx)%n",
                router.total(), min.total(), router.total() == min.total() ? "at the minimum" : "ABOVE the minimum",
                (double) naive.total() / router.total(), naive.total(), routerWithoutLedger,
                (double) naive.total() / routerWithoutLedger);
        int batchableNaive = naive.total() - naive.perSink()[3];
        int batchableRouter = routerWithoutLedger - router.perSink()[3];
        System.out.printf("  batchable sinks only (Firehose, SNS, EventBridge): naive %d vs router %d = %.1fx;"
                + " Lambda async Invoke (every window of the batch in one payload): naive %d vs router %d%n", batchableNaive, batchableRouter,
                (double) batchableNaive / batchableRouter, naive.perSink()[3], router.perSink()[3]);
        double routerMs = median(routerNanos) / 1e6;
        double naiveMs = median(naiveNanos) / 1e6;
        System.out.printf("Wall time (median): naive %.1f ms, router %.1f ms: %.1fx lower  [router runs %s ms; naive %s ms]%n",
                naiveMs, routerMs, naiveMs / routerMs, millis(routerNanos), millis(naiveNanos));
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static String millis(List<Long> nanos) {
        return nanos.stream().map(n -> String.format("%.0f", n / 1e6)).toList().toString();
    }
}

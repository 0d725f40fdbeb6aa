package dev.streampipe.bench.router;

import dev.streampipe.aws.internal.BatchLimits;
import dev.streampipe.aws.internal.Utf8;
import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.internal.CompiledTopology;
import dev.streampipe.core.topology.internal.Routed;
import dev.streampipe.router.RouterConfig;
import dev.streampipe.router.SessionTopology;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fewest API calls any router that keeps each partition key's order could make for a batch, sink by sink.
 * Per sink the batch's entries go in rounds — round n holds the n-th entry of each key, since a batch API may fail
 * one entry and accept a later one of the same key — and each round costs {@code max(ceil(entries / maxEntries),
 * ceil(bytes / maxCallBytes))} calls. Firehose entries are records packing a key's lines up to 1,000 KiB (one
 * record fails or lands whole); SNS and EventBridge entries are messages; summary triggers (one per session and
 * window) travel as one batched asynchronous Invoke (1 MiB per payload, no entry limit, one unit of order). Plus,
 * for the ledgered sinks, {@code ceil(k / 100)} BatchGetItem and {@code ceil(k / 25)} BatchWriteItem for {@code k}
 * effects. Independent of the router's own chunking code.
 *
 * @param messages per sink, in {@link RouterFanOutBenchmark#operations()} order
 * @param minimum  minimum calls per sink, same order
 * @param rounds   rounds per sink (the most entries of one key; 1 for the unordered Lambda), same order; 0 for a
 *                 sink with nothing to send
 */
record MinimumCalls(long[] messages, long[] minimum, long[] rounds, long ledgerGets, long ledgerWrites) {
    private static final int FIREHOSE = 0;
    private static final int LAMBDA = 3;
    private static final BatchLimits[] LIMITS = {BatchLimits.FIREHOSE, BatchLimits.SNS, BatchLimits.EVENTBRIDGE,
        BatchLimits.LAMBDA_ASYNC_BATCHED, BatchLimits.SQS};

    static MinimumCalls of(RouterConfig config, byte[] event) {
        String[][] operations = RouterFanOutBenchmark.operations();
        long[] messages = new long[operations.length];
        List<Map<String, List<Long>>> entries = new ArrayList<>();
        for (int i = 0; i < operations.length; i++) {
            entries.add(new LinkedHashMap<>());
        }
        CompiledTopology topology = CompiledTopology.of(SessionTopology.create(config.schema()));
        Set<String> groups = new HashSet<>();
        for (ChangeRecord record : new StreamEventDecoder().decode(event).records()) {
            String key = topology.orderKey(record);
            for (Routed routed : topology.route(record)) {
                if (routed.payload().isEmpty() || routed.route().sink().isEmpty()) {
                    continue;
                }
                Payload p = routed.payload().get();
                if (p.groupKey().isPresent() && !groups.add(routed.route().name() + "#" + p.groupKey().get())) {
                    continue;
                }
                int sink = indexOf(operations, routed.route().sink().get());
                if (sink < 0) {
                    continue;
                }
                messages[sink]++;
                long size = size(sink, p, config);
                List<Long> ofKey = entries.get(sink).computeIfAbsent(sink == LAMBDA ? "" : key, k -> new ArrayList<>());
                if (sink == FIREHOSE && !ofKey.isEmpty()
                        && ofKey.get(ofKey.size() - 1) + size <= LIMITS[sink].maxEntryBytes()) {
                    ofKey.set(ofKey.size() - 1, ofKey.get(ofKey.size() - 1) + size);
                } else {
                    ofKey.add(size);
                }
            }
        }
        long[] minimum = new long[operations.length];
        long[] rounds = new long[operations.length];
        for (int i = 0; i < operations.length; i++) {
            minimum[i] = i == LAMBDA ? unordered(entries.get(i), LIMITS[i]) : inRounds(entries.get(i), LIMITS[i]);
            long most = entries.get(i).values().stream().mapToLong(List::size).max().orElse(0);
            rounds[i] = i == LAMBDA ? Math.min(most, 1) : most; // unordered: its calls go together
        }
        long handoffs = messages[1];
        long statusEvents = messages[2];
        return new MinimumCalls(messages, minimum, rounds, ceil(handoffs, 100) + ceil(statusEvents, 100),
                ceil(handoffs, 25) + ceil(statusEvents, 25));
    }

    /** Round n: the n-th entry of each key; each round at the API's limits. */
    private static long inRounds(Map<String, List<Long>> byKey, BatchLimits limits) {
        long calls = 0;
        for (int round = 0; ; round++) {
            long n = 0;
            long bytes = 0;
            for (List<Long> sizes : byKey.values()) {
                if (sizes.size() > round) {
                    n++;
                    bytes += sizes.get(round);
                }
            }
            if (n == 0) {
                return calls;
            }
            calls += Math.max(ceil(n, limits.maxEntries()), ceil(bytes, limits.maxCallBytes()));
        }
    }

    private static long unordered(Map<String, List<Long>> byKey, BatchLimits limits) {
        long n = 0;
        long bytes = 0;
        for (List<Long> sizes : byKey.values()) {
            n += sizes.size();
            bytes += sizes.stream().mapToLong(Long::longValue).sum();
        }
        return Math.max(ceil(n, limits.maxEntries()), ceil(bytes, limits.maxCallBytes()));
    }

    long total() {
        long n = ledgerGets + ledgerWrites;
        for (long m : minimum) {
            n += m;
        }
        return n;
    }

    /**
     * The fewest round trips one after another any such router needs: per sink its rounds, plus for the ledgered
     * sinks (SNS, EventBridge) the ledger read before and the ledger write after; the batch takes the longest.
     */
    long criticalRoundTrips() {
        long longest = 0;
        for (int i = 0; i < rounds.length; i++) {
            boolean ledgered = i == 1 || i == 2;
            longest = Math.max(longest, rounds[i] == 0 ? 0 : rounds[i] + (ledgered ? 2 : 0));
        }
        return longest;
    }

    long totalWithoutLedger() {
        return total() - ledgerGets - ledgerWrites;
    }

    private static int indexOf(String[][] operations, String sink) {
        for (int i = 0; i < operations.length; i++) {
            if (operations[i][0].equals(sink)) {
                return i;
            }
        }
        return -1;
    }

    /** Bytes as each API counts them against its call limit. */
    private static long size(int sink, Payload p, RouterConfig config) {
        return switch (sink) {
            case 0 -> Utf8.length(p.body()) + 1;
            case 1 -> {
                long n = Utf8.length(p.body());
                for (Map.Entry<String, String> a : p.sns().messageAttributes().entrySet()) {
                    n += Utf8.length(a.getKey()) + "String".length() + Utf8.length(a.getValue());
                }
                yield n;
            }
            case 2 -> Utf8.length(config.eventSource()) + Utf8.length(p.eventBridge().orElseThrow().detailType())
                    + Utf8.length(p.body());
            case 3 -> Utf8.length(p.body()) + 1; // the batched envelope's separator
            default -> Utf8.length(p.body());
        };
    }

    private static long ceil(long n, long per) {
        return (n + per - 1) / per;
    }
}

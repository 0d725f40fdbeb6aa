package dev.streampipe.bench.router;

import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.router.RouterConfig;
import dev.streampipe.router.SessionTopology;
import dev.streampipe.aws.BatchLimits;
import dev.streampipe.aws.Utf8;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The fewest API calls any router could make for a batch, sink by sink: the batch's messages (one per session and
 * window for summary triggers) against each API's limits — {@code max(ceil(messages / maxEntries),
 * ceil(bytes / maxCallBytes))} — plus, for the ledgered sinks, {@code ceil(k / 100)} BatchGetItem and
 * {@code ceil(k / 25)} BatchWriteItem for {@code k} effects. Summary triggers count against the batched
 * asynchronous Invoke (1 MiB per payload, no entry limit). Independent of the router's own chunking code.
 *
 * @param messages per sink, in {@link RouterFanOutBenchmark#operations()} order
 * @param minimum  minimum calls per sink, same order
 */
record MinimumCalls(long[] messages, long[] minimum, long ledgerGets, long ledgerWrites) {
    private static final BatchLimits[] LIMITS = {BatchLimits.FIREHOSE, BatchLimits.SNS, BatchLimits.EVENTBRIDGE,
        BatchLimits.LAMBDA_ASYNC_BATCHED, BatchLimits.SQS};

    static MinimumCalls of(RouterConfig config, byte[] event) {
        String[][] operations = RouterFanOutBenchmark.operations();
        long[] messages = new long[operations.length];
        long[] bytes = new long[operations.length];
        Topology topology = SessionTopology.create(config.schema());
        Set<String> groups = new HashSet<>();
        for (ChangeRecord record : new StreamEventDecoder().decode(event).records()) {
            for (Topology.Routed routed : topology.route(record)) {
                if (routed.payload().isEmpty() || routed.route().sink().isEmpty()) {
                    continue;
                }
                Payload p = routed.payload().get();
                if (p.groupKey().isPresent() && !groups.add(routed.route().name() + "#" + p.groupKey().get())) {
                    continue;
                }
                int sink = indexOf(operations, routed.route().sink().get());
                if (sink >= 0) {
                    messages[sink]++;
                    bytes[sink] += size(sink, p, config);
                }
            }
        }
        long[] minimum = new long[operations.length];
        for (int i = 0; i < operations.length; i++) {
            minimum[i] = Math.max(ceil(messages[i], LIMITS[i].maxEntries()), ceil(bytes[i], LIMITS[i].maxCallBytes()));
        }
        long handoffs = messages[1];
        long statusEvents = messages[2];
        return new MinimumCalls(messages, minimum, ceil(handoffs, 100) + ceil(statusEvents, 100),
                ceil(handoffs, 25) + ceil(statusEvents, 25));
    }

    long total() {
        long n = ledgerGets + ledgerWrites;
        for (long m : minimum) {
            n += m;
        }
        return n;
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

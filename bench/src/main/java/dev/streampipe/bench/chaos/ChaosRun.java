package dev.streampipe.bench.chaos;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.aws.lambda.InvocationContext;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.local.MappingSemantics;
import dev.streampipe.router.RouterWiring;
import dev.streampipe.router.SessionSchema;
import dev.streampipe.testing.aws.LoopbackAws;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives one variant over the synthetic stream: one batch of {@code batchSize} at a time, from the shard whose next
 * record is the earliest (so the shards move level, as Lambda's concurrent pollers keep them when none lags: a
 * shard running ahead would make the others' records late for the windows), each batch through
 * {@link MappingSemantics} (retry from the lowest reported sequence number, bisect on function
 * error, on-failure after {@code maxRetries}). Before each invocation the {@link FaultSchedule} programs the
 * endpoints; after it the harness harvests what they accepted, then, if the schedule crashed the invocation or it
 * overran its deadline, discards the response and raises a function error, as Lambda would see it. Then the
 * on-failure ranges are redriven: fetched again from the stream and run through the same rules, faults off. The
 * router keeps its aggregations in a {@link ChaosStateStore} of its own (one per run), which the verdict reads
 * after the redrive.
 */
final class ChaosRun {
    /** The router's sink retries in the run: short, so a burst of ≥ 4 failures fails the record. */
    static final RetryPolicy RETRY = new RetryPolicy(4, Duration.ofMillis(2), Duration.ofMillis(20),
            Duration.ofMillis(300));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChaosSettings settings;
    private final SyntheticStream stream;
    private final Variant variant;
    private final FaultSchedule schedule;
    private final Deliveries deliveries;
    private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
    private final Counters counters = new Counters();
    private LoopbackAws aws;
    private ChaosLedger ledger;
    private ChaosStateStore state;
    private RequestStreamHandler handler;
    private boolean quiet;

    /** Counts the mapping's side of the run. */
    static final class Counters implements MappingSemantics.Listener<StreamRecord> {
        final AtomicLong invocations = new AtomicLong();
        final AtomicLong redelivered = new AtomicLong();
        final AtomicLong functionErrors = new AtomicLong();
        final AtomicLong crashes = new AtomicLong();
        final AtomicLong timeouts = new AtomicLong();
        final AtomicLong partialFailures = new AtomicLong();
        /** Aggregation contributions of every record delivered (redeliveries included). */
        final AtomicLong contributionsDelivered = new AtomicLong();

        @Override
        public void redelivered(List<StreamRecord> records) {
            redelivered.addAndGet(records.size());
        }

        @Override
        public void functionError(List<StreamRecord> batch, Exception error) {
            functionErrors.incrementAndGet();
        }

        @Override
        public void partialFailure(List<StreamRecord> batch, int failedFrom) {
            partialFailures.incrementAndGet();
        }
    }

    private ChaosRun(ChaosSettings settings, SyntheticStream stream, Variant variant) {
        this.settings = settings;
        this.stream = stream;
        this.variant = variant;
        this.schedule = new FaultSchedule(settings, stream);
        this.deliveries = new Deliveries(stream);
    }

    /** Runs {@code variant} over {@code stream} and verifies what the endpoints recorded. */
    static ChaosVerdict run(ChaosSettings settings, SyntheticStream stream, Variant variant) {
        return new ChaosRun(settings, stream, variant).run();
    }

    private ChaosVerdict run() {
        long t0 = System.nanoTime();
        try (LoopbackAws endpoint = LoopbackAws.start(); ChaosLedger table = ChaosLedger.start(
                variant == Variant.NO_LEDGER)) {
            aws = endpoint;
            ledger = table;
            state = variant == Variant.BASELINE ? null : new ChaosStateStore(
                    RouterWiring.inMemoryStateStore(SessionSchema.DEFAULT), variant == Variant.NO_GUARD);
            handler = handler();
            warmUp();
            List<OnFailureRange> onFailure = new ArrayList<>();
            MappingSemantics<StreamRecord> mapping = mapping(onFailure);
            List<List<StreamRecord>> shards = stream.shards();
            int[] next = new int[shards.size()];
            for (int s = earliest(shards, next); s >= 0; s = earliest(shards, next)) {
                List<StreamRecord> shard = shards.get(s);
                int end = Math.min(shard.size(), next[s] + settings.batchSize());
                if (end > next[s] + 1 && stream.isLast(shard.get(end - 1))) {
                    end--; // the last record comes after a quiet quarter of an hour: in a batch of its own, last
                }
                mapping.deliver(new ArrayList<>(shard.subList(next[s], end)));
                next[s] = end;
            }
            List<OnFailureRange> notRedriven = redrive(onFailure);
            return ChaosVerdict.of(variant, settings, stream, schedule, deliveries, counters, ledger.lostWrites(),
                    state, onFailure, notRedriven, Duration.ofNanos(System.nanoTime() - t0));
        }
    }

    /**
     * One invocation before the run, outside the stream and the schedule, its effects then forgotten (endpoints,
     * log, state): the first invocation of a JVM loads the classes of every path, which takes most of the 2-second
     * budget, so the run's first batch would meet a deadline no later one meets (as a SnapStart function's first
     * invocation does not: it was primed).
     */
    private void warmUp() {
        try {
            handler.handleRequest(new ByteArrayInputStream(SyntheticStream.event(SyntheticStream.warmUp())),
                    new ByteArrayOutputStream(), InvocationContext.of("streampipe-router", settings.budget()));
        } catch (Exception e) {
            throw new IllegalStateException("the warm-up invocation failed: " + e, e);
        }
        log.clear();
        aws.reset();
        ledger.endInvocation();
        if (state != null) {
            state.forget(RouterWiring.inMemoryStateStore(SessionSchema.DEFAULT));
        }
    }

    /** The shard whose next record comes first in the stream, or -1 when every shard is done. */
    private static int earliest(List<List<StreamRecord>> shards, int[] next) {
        int best = -1;
        for (int s = 0; s < shards.size(); s++) {
            if (next[s] < shards.get(s).size() && (best < 0 || shards.get(s).get(next[s]).sequenceNumber()
                    .compareTo(shards.get(best).get(next[best]).sequenceNumber()) < 0)) {
                best = s;
            }
        }
        return best;
    }

    /** Reads each range again from the stream and delivers it with the same rules, faults off. */
    private List<OnFailureRange> redrive(List<OnFailureRange> ranges) {
        schedule.clearStuck();
        deliveries.redriving();
        quiet = true;
        List<OnFailureRange> again = new ArrayList<>();
        MappingSemantics<StreamRecord> mapping = mapping(again);
        for (OnFailureRange range : ranges) {
            mapping.deliver(stream.range(range.shard(), range.startSequenceNumber(), range.endSequenceNumber()));
        }
        return again;
    }

    private MappingSemantics<StreamRecord> mapping(List<OnFailureRange> onFailure) {
        return new MappingSemantics<>(StreamRecord::sequenceNumber,
                new MappingSemantics.Settings(settings.maxRetries(), true), this::invoke,
                records -> onFailure.add(OnFailureRange.of(records)), counters);
    }

    private RequestStreamHandler handler() {
        if (variant == Variant.BASELINE) {
            return new BaselineHandler(aws, log::add);
        }
        RequestStreamHandler router = RouterFactory.router(aws.endpoint(), ledger.endpoint(), state, RETRY, log::add,
                variant == Variant.UNPACKED);
        return switch (variant) {
            case LAST_SEQUENCE -> BrokenVariants.reportingLastSequence(router);
            case NO_REPORT -> BrokenVariants.reportingNothing(router);
            case REVERSED -> BrokenVariants.reversingBatches(router);
            default -> router;
        };
    }

    private List<String> invoke(List<StreamRecord> batch) throws Exception {
        long index = counters.invocations.getAndIncrement();
        FaultSchedule.Plan plan = schedule.program(index, batch, aws, ledger, state, quiet);
        batch.forEach(r -> counters.contributionsDelivered.addAndGet(r.contributions()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long start = System.nanoTime();
        Exception error = null;
        try {
            handler.handleRequest(new ByteArrayInputStream(SyntheticStream.event(batch)), out,
                    InvocationContext.of("streampipe-router", settings.budget()));
        } catch (Exception e) {
            error = e;
        }
        boolean overran = System.nanoTime() - start > settings.budget().toNanos();
        List<String> lines = new ArrayList<>();
        for (String line; (line = log.poll()) != null; ) {
            lines.add(line);
        }
        deliveries.harvest(aws, lines);
        aws.reset();
        ledger.endInvocation();
        if (state != null) {
            state.endInvocation();
        }
        if (error != null) {
            throw error;
        }
        if (plan.crash()) {
            counters.crashes.incrementAndGet();
            throw new IllegalStateException("injected crash: response discarded");
        }
        if (overran) {
            counters.timeouts.incrementAndGet();
            throw new TimeoutException("invocation overran its " + settings.budget() + " deadline");
        }
        List<String> failures = new ArrayList<>();
        for (JsonNode f : JSON.readTree(out.toByteArray()).path("batchItemFailures")) {
            failures.add(f.path("itemIdentifier").asText());
        }
        return failures;
    }
}

package dev.streampipe.bench.chaos;

import dev.streampipe.testing.aws.LoopbackAws;
import dev.streampipe.testing.aws.ServiceStub;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seeded fault schedule: invocation {@code i} draws its faults from a generator seeded by (seed, i), so two
 * routers driven over the same stream meet the same faults in their i-th invocations, and a run repeats exactly.
 * Stuck records fail on every attempt of the main run (not during redrive); none is among the stream's last 1,000
 * records, so the batch of the last record (which closes every window) is never given up. Faults are programmed on
 * the loopback endpoints and the state store before the invocation; they forget them after it. Ledger outages last the whole invocation
 * (the two ledgered sinks read and write concurrently, so a shorter one would land on either by timing).
 */
final class FaultSchedule {

    /** Fault kinds, as counted in the table. */
    enum Kind {
        THROTTLE_BURST("throttling bursts"), SERVER_ERRORS("5xx bursts"), ENTRY_FAILURES("per-entry failures"),
        LATENCY_SPIKE("latency spikes past the deadline"), LEDGER_READ_OUTAGE("ledger read outages"),
        LEDGER_WRITE_OUTAGE("ledger write outages"), CRASH_BEFORE_LEDGER_WRITE("crashes before ledger write"),
        CRASH_BEFORE_RESPONSE("crashes before response"), STATE_THROTTLE_BURST("state store throttling bursts"),
        STATE_OUTAGE("state store outages"), STATE_ANSWER_LOST("state writes applied, answer lost");

        /** Whether the fault is the state store's (a router without one meets none). */
        boolean state() {
            return this == STATE_THROTTLE_BURST || this == STATE_OUTAGE || this == STATE_ANSWER_LOST;
        }

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** What one invocation meets: faults already programmed, plus what the harness does after it. */
    record Plan(boolean crash, Set<Kind> kinds) {
    }

    private static final String[] SERVICES = {"Firehose", "SNS", "EventBridge", "Lambda", "SQS"};
    private static final String[] SERVER_CODES = {"ServiceUnavailableException", "InternalError", "InternalException",
        "ServiceException", "InternalError"};

    private final ChaosSettings settings;
    private final Set<String> stuck;
    private final Map<Kind, AtomicLong> injected = new EnumMap<>(Kind.class);
    private volatile boolean stuckActive = true;

    FaultSchedule(ChaosSettings settings, SyntheticStream stream) {
        this.settings = settings;
        this.stuck = pickStuck(settings, stream);
        for (Kind k : Kind.values()) {
            injected.put(k, new AtomicLong());
        }
    }

    private static Set<String> pickStuck(ChaosSettings settings, SyntheticStream stream) {
        SplittableRandom random = new SplittableRandom(settings.seed() ^ 0x5EED5EEDL);
        Set<String> ids = new HashSet<>();
        while (ids.size() < Math.min(settings.stuckRecords(), stream.size())) {
            ids.add("ev-" + random.nextInt(Math.max(1, stream.size() - 1000)));
        }
        return Set.copyOf(ids);
    }

    /** Event ids the main run fails on every attempt. */
    Set<String> stuck() {
        return stuck;
    }

    /** Turns stuck faults off (for redrive: the cause has gone, the records are still retained). */
    void clearStuck() {
        stuckActive = false;
    }

    /** Invocations that met each kind of fault. */
    Map<Kind, AtomicLong> injected() {
        return injected;
    }

    /**
     * Programs invocation {@code index}'s faults for {@code batch} on the endpoints and the state store (none when
     * {@code stateOrNull} is null); {@code quiet}: stuck only.
     */
    Plan program(long index, List<StreamRecord> batch, LoopbackAws aws, ChaosLedger ledger,
                 ChaosStateStore stateOrNull, boolean quiet) {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        if (stuckActive) {
            Set<String> here = new HashSet<>();
            batch.forEach(r -> {
                if (stuck.contains(r.eventId())) {
                    here.add(r.eventId());
                }
            });
            if (!here.isEmpty()) {
                aws.firehose().failEntriesMatching(e -> EventIds.all(e.text()).stream().anyMatch(here::contains),
                        "ServiceUnavailableException", ServiceStub.ALWAYS);
            }
        }
        if (quiet) {
            return new Plan(false, kinds);
        }
        SplittableRandom random = new SplittableRandom(settings.seed() * 1_000_003L + index);
        if (random.nextDouble() < settings.throttleRate()) {
            int service = random.nextInt(SERVICES.length);
            int calls = burst(random);
            switch (SERVICES[service]) {
                case "Firehose" -> aws.firehose().throttle(calls);
                case "SNS" -> aws.sns().throttle(calls);
                case "EventBridge" -> aws.eventBridge().throttle(calls);
                case "Lambda" -> aws.lambda().throttle(calls);
                default -> aws.sqs().throttle(calls);
            }
            kinds.add(Kind.THROTTLE_BURST);
        }
        if (random.nextDouble() < settings.serverErrorRate()) {
            int service = random.nextInt(SERVICES.length);
            int calls = burst(random);
            String code = SERVER_CODES[service];
            switch (SERVICES[service]) {
                case "Firehose" -> aws.firehose().failCalls(calls, code, 500);
                case "SNS" -> aws.sns().failCalls(calls, code, 500);
                case "EventBridge" -> aws.eventBridge().failCalls(calls, code, 500);
                case "Lambda" -> aws.lambda().failCalls(calls, code, 500);
                default -> aws.sqs().failCalls(calls, code, 500);
            }
            kinds.add(Kind.SERVER_ERRORS);
        }
        if (random.nextDouble() < settings.entryFailureRate()) {
            Set<String> ids = new HashSet<>();
            for (StreamRecord r : batch) {
                if (random.nextDouble() < 0.05) {
                    ids.add(r.eventId());
                }
            }
            int attempts = switch (random.nextInt(3)) {
                case 0 -> 1;
                case 1 -> 2;
                default -> ServiceStub.ALWAYS;
            };
            // a Firehose record carries its key's lines: it fails whole when any of them is picked
            aws.firehose().failEntriesMatching(e -> EventIds.all(e.text()).stream().anyMatch(ids::contains),
                    "ServiceUnavailableException", attempts);
            aws.sns().failEntriesMatching(e -> ids.contains(EventIds.first(e.message())), "InternalError", attempts);
            aws.eventBridge().failEntriesMatching(e -> ids.contains(EventIds.first(e.detail())),
                    "ThrottlingException", attempts);
            aws.sqs().failEntriesMatching(e -> ids.contains(EventIds.first(e.messageBody())), "InternalError",
                    attempts);
            kinds.add(Kind.ENTRY_FAILURES);
        }
        if (random.nextDouble() < settings.spikeRate()) {
            aws.firehose().latency(settings.spike());
            kinds.add(Kind.LATENCY_SPIKE);
        }
        if (random.nextDouble() < settings.ledgerReadOutageRate()) {
            ledger.failReads(Integer.MAX_VALUE);
            kinds.add(Kind.LEDGER_READ_OUTAGE);
        }
        if (random.nextDouble() < settings.ledgerWriteOutageRate()) {
            ledger.failWrites(Integer.MAX_VALUE);
            kinds.add(Kind.LEDGER_WRITE_OUTAGE);
        }
        boolean crash = false;
        if (random.nextDouble() < settings.crashBeforeLedgerWriteRate()) {
            ledger.failWrites(Integer.MAX_VALUE);
            kinds.add(Kind.CRASH_BEFORE_LEDGER_WRITE);
            crash = true;
        }
        if (random.nextDouble() < settings.crashBeforeResponseRate()) {
            kinds.add(Kind.CRASH_BEFORE_RESPONSE);
            crash = true;
        }
        // drawn for every variant, so the faults above stay the same whether or not a router keeps state
        boolean stateThrottle = random.nextDouble() < settings.stateThrottleRate();
        int stateSkip = random.nextInt(4);
        int stateCalls = 1 + random.nextInt(3);
        boolean stateOutage = random.nextDouble() < settings.stateOutageRate();
        boolean answerLost = random.nextDouble() < settings.stateAnswerLostRate();
        if (stateOrNull != null) {
            if (stateThrottle) {
                stateOrNull.throttle(stateSkip, stateCalls);
                kinds.add(Kind.STATE_THROTTLE_BURST);
            }
            if (stateOutage) {
                stateOrNull.outage();
                kinds.add(Kind.STATE_OUTAGE);
            }
            if (answerLost) {
                stateOrNull.loseNextAnswer();
                kinds.add(Kind.STATE_ANSWER_LOST);
            }
        }
        kinds.forEach(k -> injected.get(k).incrementAndGet());
        return new Plan(crash, kinds);
    }

    /**
     * A burst the router's retries outlast (1..3 calls, fewer than its 4 attempts, however concurrent calls share
     * it) or one that lasts the whole invocation: either way the outcome does not depend on thread timing.
     */
    private static int burst(SplittableRandom random) {
        return random.nextBoolean() ? 1 + random.nextInt(3) : 1_000;
    }

    static List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (Kind k : Kind.values()) {
            labels.add(k.label);
        }
        return labels;
    }
}

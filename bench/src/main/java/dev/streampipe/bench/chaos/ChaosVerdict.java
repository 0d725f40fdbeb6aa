package dev.streampipe.bench.chaos;

import dev.streampipe.router.SessionTopology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One variant's figures and checks, computed only from what the endpoints recorded ({@link Deliveries}), the
 * stream's own truth (which records must reach which sink; what the aggregations must hold at the end), the
 * schedule (which records it made fail past the retry limit, which ledger writes it refused) and the state store
 * (its values, what it refused as late, its calls). Nothing is read from the router's counters.
 *
 * <p>The aggregations' truth, from the stream alone: META items per status (INSERT adds the item to its status,
 * MODIFY moves it, REMOVE takes it out; no status: {@code UNKNOWN}), and handoffs per reason per 5-minute window of
 * their creation time, without the handoffs the windowed aggregation cannot read (no creation time: dead-lettered
 * for it) and without the late ones: the backdated handoffs, and those of an on-failure range (redriven after the
 * run, when stream time had passed their window's close: every window but none after the stream's last record).
 *
 * @param rows   figures for the table, label to value, in print order
 * @param checks verification name to the failure detail, or {@code null} when it passed
 */
record ChaosVerdict(Variant variant, Map<String, String> rows, Map<String, String> checks) {

    /** Every check passed (one that does not apply to this variant, {@link #NOT_APPLICABLE}, counts as passed). */
    boolean passed() {
        return checks.values().stream().allMatch(v -> v == null || v.equals(NOT_APPLICABLE));
    }

    long figure(String row) {
        return Long.parseLong(rows.get(row).split(" ")[0]);
    }

    /** What a check or figure is for a router without state (the baseline). */
    static final String NOT_APPLICABLE = "n/a";
    /** The state rows and checks, named once (the CI test reads them). */
    static final String STATE_DRIFT = "state drift: sessions-by-status / handoffs-by-reason (must be 0)";
    static final String TRUTH = "  truth: META items / handoffs in windows / windows";
    static final String WINDOW_RESULTS = "handoff-window results received / expected";
    static final String WINDOW_RESULT_ERRORS = "  duplicates (ledger write lost) / missing / wrong count";
    static final String LATE = "late handoffs refused by the store / predicted";
    static final String STATE_CALLS = "state writes per 1,000 records: apply calls / values";
    static final String PER_RECORD = "  one UpdateItem per record: per 1,000 (stream / delivered)";
    static final String STATE_ONCE = "state exactly once: no drift, each window's counts once";
    static final String LATE_EXACT = "late handoffs refused exactly as predicted";
    private static final long WINDOW = Duration.ofMinutes(5).toMillis();
    private static final long GRACE = Duration.ofMinutes(1).toMillis();
    private static final String WINDOW_EFFECT = "window:" + SessionTopology.HANDOFFS_BY_REASON + ":";

    static ChaosVerdict of(Variant variant, ChaosSettings settings, SyntheticStream stream, FaultSchedule schedule,
                           Deliveries d, ChaosRun.Counters counters, Map<String, Integer> lostWrites,
                           ChaosStateStore stateOrNull, List<OnFailureRange> onFailure,
                           List<OnFailureRange> notRedriven, Duration wall) {
        Map<String, String> rows = new LinkedHashMap<>();
        Map<String, String> checks = new LinkedHashMap<>();
        rows.put("records", Integer.toString(stream.size()));
        rows.put("partition keys / shards", settings.keys() + " / " + settings.shards());
        rows.put("invocations", Long.toString(counters.invocations.get()));
        schedule.injected().forEach((k, n) -> rows.put("  faults: " + k.label, k.state() && stateOrNull == null
                ? NOT_APPLICABLE : Long.toString(n.get())));
        rows.put("  faults: stuck records (fail every attempt)", Integer.toString(schedule.stuck().size()));
        long poison = 0;
        for (StreamRecord r : stream.all()) {
            poison += r.poison() ? 1 : 0;
        }
        rows.put("  faults: poison records", Long.toString(poison));
        long noTime = 0;
        long backdated = 0;
        for (StreamRecord r : stream.all()) {
            noTime += r.kind() == StreamRecord.Kind.HANDOFF && !r.hasTime() ? 1 : 0;
            backdated += r.backdated() ? 1 : 0;
        }
        rows.put("  faults: handoffs without creation time (poison for the windows)", Long.toString(noTime));
        rows.put("  faults: handoffs backdated " + SyntheticStream.BACKDATED.toMinutes() + " min (late on purpose)",
                Long.toString(backdated));
        rows.put("calls / entries answered with an error", d.failedCalls() + " / " + d.failedEntries());
        rows.put("function errors (crash, timeout, other)", counters.functionErrors.get() + " ("
                + counters.crashes.get() + ", " + counters.timeouts.get() + ", "
                + (counters.functionErrors.get() - counters.crashes.get() - counters.timeouts.get()) + ")");
        rows.put("records redelivered", Long.toString(counters.redelivered.get()));

        Map<String, Long> lost = new LinkedHashMap<>();
        Map<String, Long> dups = new LinkedHashMap<>();
        long unexpected = 0;
        long excess = 0;
        long allowed = 0;
        for (String sink : Deliveries.SINKS) {
            long missing = 0;
            for (StreamRecord r : stream.all()) {
                if (expected(sink, r) && d.count(sink, r.eventId()) == 0) {
                    missing++;
                }
            }
            lost.put(sink, missing);
            long dup = 0;
            for (Map.Entry<String, Integer> e : d.counts(sink).entrySet()) {
                dup += e.getValue() - 1;
                StreamRecord r = stream.record(e.getKey());
                if (r == null || !expected(sink, r)) {
                    unexpected += e.getValue();
                }
                String route = sink.equals(Deliveries.PAGES) ? SessionTopology.PAGE_HANDOFF
                        : sink.equals(Deliveries.STATUS) ? SessionTopology.PUBLISH_STATUS_CHANGE : null;
                if (route != null) {
                    int mayRepeat = lostWrites.getOrDefault(e.getKey() + "#" + route, 0);
                    allowed += Math.min(mayRepeat, e.getValue() - 1);
                    excess += Math.max(0, e.getValue() - 1 - mayRepeat);
                }
            }
            dups.put(sink, dup);
        }
        for (String sink : Deliveries.SINKS) {
            boolean ledgered = sink.equals(Deliveries.PAGES) || sink.equals(Deliveries.STATUS);
            rows.put("duplicates: " + sink + (ledgered ? " (ledgered)" : ""), Long.toString(dups.get(sink)));
        }
        rows.put("  ledgered repeats allowed (ledger write lost) / excess", allowed + " / " + excess);
        rows.put("  effect keys whose ledger write was lost", Integer.toString(lostWrites.size()));

        long dlqMissing = 0;
        Set<String> poisonPairs = new HashSet<>();
        for (StreamRecord r : stream.all()) {
            for (String route : r.poisonRoutes()) {
                String pair = r.eventId() + "#" + route;
                poisonPairs.add(pair);
                dlqMissing += d.deadLetters().containsKey(pair) ? 0 : 1;
            }
        }
        long dlqUnexpected = d.deadLetters().keySet().stream().filter(k -> !poisonPairs.contains(k)).count();
        lost.put("dead-letters", dlqMissing);
        rows.put("dead letters: poison pairs missing / not poison / no reason",
                dlqMissing + " / " + dlqUnexpected + " / " + d.deadLettersWithoutReason());

        long totalLost = lost.values().stream().mapToLong(Long::longValue).sum();
        rows.put("lost (after redrive; must be 0)", totalLost + " " + nonZero(lost));
        Map<String, Long> order = new LinkedHashMap<>();
        Deliveries.SINKS.forEach(s -> order.put(s, d.orderViolations(s)));
        long totalOrder = order.values().stream().mapToLong(Long::longValue).sum();
        rows.put("order violations (must be 0)", totalOrder + " " + nonZero(order));
        rows.put("  late first deliveries by redrive (skipped by the mapping)", Long.toString(d.redriveOrderViolations()));

        long onFailureRecords = onFailure.stream().mapToLong(OnFailureRange::batchSize).sum();
        rows.put("on-failure ranges / records", onFailure.size() + " / " + onFailureRecords);
        List<String> unexplained = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        for (OnFailureRange range : onFailure) {
            List<StreamRecord> records = stream.range(range.shard(), range.startSequenceNumber(),
                    range.endSequenceNumber());
            records.forEach(r -> covered.add(r.eventId()));
            // A range must start at a stuck record, or at an earlier record of a stuck record's key in the range:
            // the router packs a key's analytics lines into one Firehose record, which fails whole.
            StreamRecord first = stream.record(range.firstEventId());
            boolean explained = schedule.stuck().contains(range.firstEventId()) || first != null && records.stream()
                    .anyMatch(r -> schedule.stuck().contains(r.eventId())
                            && r.partitionKey().equals(first.partitionKey()));
            if (!explained) {
                unexplained.add(range.toString());
            }
        }
        List<String> stuckNotGivenUp = schedule.stuck().stream().filter(id -> !covered.contains(id)).sorted().toList();
        rows.put("on-failure ranges not redriven", Integer.toString(notRedriven.size()));
        Map<String, String> stateChecks = state(stream, d, counters, lostWrites, stateOrNull, onFailure, rows);
        rows.put("wall time", String.format("%.1f s", wall.toMillis() / 1000.0));

        checks.put("every event id reached analytics and audit", lost.get(Deliveries.ANALYTICS)
                + lost.get(Deliveries.AUDIT) == 0 ? null : "lost " + lost.get(Deliveries.ANALYTICS)
                + " analytics, " + lost.get(Deliveries.AUDIT) + " audit");
        checks.put("every poison (record, route) dead-lettered with its reason, nowhere else",
                dlqMissing + dlqUnexpected + d.deadLettersWithoutReason() + unexpected == 0 ? null
                        : dlqMissing + " missing, " + dlqUnexpected + " not poison, " + d.deadLettersWithoutReason()
                        + " without reason, " + unexpected + " deliveries a sink should not have had");
        checks.put("each page and status change exactly once (repeats only for lost ledger writes)",
                excess + lost.get(Deliveries.PAGES) + lost.get(Deliveries.STATUS) == 0 ? null
                        : excess + " excess repeats, " + lost.get(Deliveries.PAGES) + " pages and "
                        + lost.get(Deliveries.STATUS) + " status changes missing");
        checks.put("per partition key, each sink's first deliveries in sequence order",
                totalOrder == 0 ? null : totalOrder + " out of order " + nonZero(order));
        checks.put("a summary trigger for every closed window",
                lost.get(Deliveries.TRIGGERS) == 0 ? null : lost.get(Deliveries.TRIGGERS) + " windows missing");
        checks.put("on-failure only for records failed past the retry limit (named)",
                unexplained.isEmpty() && stuckNotGivenUp.isEmpty() ? null : unexplained.size()
                        + " unexplained range(s), first " + (unexplained.isEmpty() ? "-" : unexplained.get(0))
                        + "; stuck not given up: " + stuckNotGivenUp);
        checks.put("on-failure records redriven and delivered", notRedriven.isEmpty() ? null
                : notRedriven.size() + " range(s) failed again, first " + notRedriven.get(0));
        checks.put("nothing lost", totalLost == 0 ? null : totalLost + " lost " + nonZero(lost));
        checks.putAll(stateChecks);
        return new ChaosVerdict(variant, rows, checks);
    }

    /**
     * The state rows (put in {@code rows}) and checks (returned): the store's values against the truth, the windows'
     * final counts the sink received, the late handoffs, and the store's writes against one per record.
     */
    private static Map<String, String> state(SyntheticStream stream, Deliveries d, ChaosRun.Counters counters,
                                             Map<String, Integer> lostWrites, ChaosStateStore stateOrNull,
                                             List<OnFailureRange> onFailure, Map<String, String> rows) {
        Map<String, String> checks = new LinkedHashMap<>();
        if (stateOrNull == null) {
            for (String row : List.of(STATE_DRIFT, TRUTH, WINDOW_RESULTS, WINDOW_RESULT_ERRORS, LATE, STATE_CALLS,
                    PER_RECORD)) {
                rows.put(row, NOT_APPLICABLE);
            }
            checks.put(STATE_ONCE, NOT_APPLICABLE);
            checks.put(LATE_EXACT, NOT_APPLICABLE);
            return checks;
        }
        // Truth: META items per status
        Map<String, Long> statusTruth = new TreeMap<>();
        long contributions = 0;
        for (StreamRecord r : stream.all()) {
            contributions += r.contributions();
            switch (r.kind()) {
                case META_INSERT -> statusTruth.merge(StreamRecord.group(r.newStatus()), 1L, Long::sum);
                case META_STATUS -> {
                    statusTruth.merge(StreamRecord.group(r.oldStatus()), -1L, Long::sum);
                    statusTruth.merge(StreamRecord.group(r.newStatus()), 1L, Long::sum);
                }
                case META_REMOVE -> statusTruth.merge(StreamRecord.group(r.oldStatus()), -1L, Long::sum);
                default -> {
                }
            }
        }
        // Truth: handoffs per reason per window, the late ones left out
        Set<String> givenUp = new HashSet<>();
        for (OnFailureRange range : onFailure) {
            stream.range(range.shard(), range.startSequenceNumber(), range.endSequenceNumber())
                    .forEach(r -> givenUp.add(r.eventId()));
        }
        long streamTimeAtRedrive = Long.MIN_VALUE;
        for (StreamRecord r : stream.all()) {
            if (r.hasTime() && !givenUp.contains(r.eventId())) {
                streamTimeAtRedrive = Math.max(streamTimeAtRedrive, r.createdMillis());
            }
        }
        Map<Deliveries.WindowGroup, Long> windowTruth = new HashMap<>();
        long predictedLate = 0;
        for (StreamRecord r : stream.all()) {
            if (!r.windowed()) {
                continue;
            }
            long start = Math.floorDiv(r.createdMillis(), WINDOW) * WINDOW;
            if (r.backdated() || givenUp.contains(r.eventId()) && start + WINDOW + GRACE <= streamTimeAtRedrive) {
                predictedLate++;
            } else {
                windowTruth.merge(new Deliveries.WindowGroup(start, StreamRecord.group(r.reason())), 1L, Long::sum);
            }
        }
        // The store at the end, against the truth
        Map<String, Long> statusState = new TreeMap<>();
        stateOrNull.all(SessionTopology.SESSIONS_BY_STATUS).forEach((k, v) -> statusState.put(k.group(), v[0]));
        Map<Deliveries.WindowGroup, Long> windowState = new HashMap<>();
        stateOrNull.all(SessionTopology.HANDOFFS_BY_REASON).forEach((k, v) -> windowState.put(
                new Deliveries.WindowGroup(k.windowStart(), k.group()), v[0]));
        long statusDrift = drift(statusState, statusTruth);
        long windowDrift = drift(windowState, windowTruth);
        rows.put(STATE_DRIFT, statusDrift + " / " + windowDrift);
        long metaItems = statusTruth.values().stream().mapToLong(Long::longValue).sum();
        long counted = windowTruth.values().stream().mapToLong(Long::longValue).sum();
        rows.put(TRUTH, metaItems + " / " + counted + " / "
                + windowTruth.keySet().stream().map(Deliveries.WindowGroup::windowStart).distinct().count());
        // What the handoff-windows sink received: each (window, reason) once, with the truth's count
        long expected = windowTruth.values().stream().filter(c -> c != 0).count();
        long received = 0;
        long duplicates = 0;
        long allowed = 0;
        long wrong = 0;
        for (Map.Entry<Deliveries.WindowGroup, List<Long>> e : d.windowResults().entrySet()) {
            long truth = windowTruth.getOrDefault(e.getKey(), 0L);
            List<Long> counts = e.getValue();
            if (truth != 0 || counts.stream().anyMatch(c -> c != 0)) {
                received++;
            }
            int repeats = counts.size() - 1;
            duplicates += repeats;
            allowed += Math.min(repeats, lostWrites.getOrDefault(WINDOW_EFFECT + e.getKey().windowStart() + ":"
                    + e.getKey().reason() + "#" + SessionTopology.HANDOFFS_BY_REASON, 0));
            wrong += counts.stream().filter(c -> c != truth).count();
        }
        long missing = windowTruth.entrySet().stream().filter(e -> e.getValue() != 0
                && !d.windowResults().containsKey(e.getKey())).count();
        rows.put(WINDOW_RESULTS, received + " / " + expected);
        rows.put(WINDOW_RESULT_ERRORS, duplicates + " (" + allowed + ") / " + missing + " / " + wrong);
        long refused = stateOrNull.lateRefused();
        rows.put(LATE, refused + " / " + predictedLate);
        double perThousand = 1000.0 / stream.size();
        rows.put(STATE_CALLS, String.format("%.1f / %.1f", stateOrNull.applyCalls() * perThousand,
                stateOrNull.valuesWritten() * perThousand));
        rows.put(PER_RECORD, String.format("%.1f / %.1f", contributions * perThousand,
                counters.contributionsDelivered.get() * perThousand));
        long excess = duplicates - allowed;
        checks.put(STATE_ONCE, statusDrift + windowDrift + excess + missing + wrong == 0 ? null
                : "drift " + statusDrift + " (sessions-by-status) + " + windowDrift + " (handoffs-by-reason); window"
                + " results: " + excess + " excess repeats, " + missing + " missing, " + wrong + " wrong counts");
        checks.put(LATE_EXACT, refused == predictedLate ? null
                : refused + " refused as late, " + predictedLate + " predicted");
        return checks;
    }

    /** The sum over groups of |state − truth|. */
    private static <K> long drift(Map<K, Long> state, Map<K, Long> truth) {
        Set<K> keys = new HashSet<>(state.keySet());
        keys.addAll(truth.keySet());
        long sum = 0;
        for (K k : keys) {
            sum += Math.abs(state.getOrDefault(k, 0L) - truth.getOrDefault(k, 0L));
        }
        return sum;
    }

    static List<String> onFailureNames(List<OnFailureRange> ranges) {
        return ranges.stream().map(OnFailureRange::toString).toList();
    }

    private static boolean expected(String sink, StreamRecord r) {
        return switch (sink) {
            case Deliveries.ANALYTICS, Deliveries.AUDIT -> true;
            case Deliveries.TRIGGERS -> r.closesWindow(RouterFactory.SUMMARY_INTERVAL);
            case Deliveries.PAGES -> r.pages();
            case Deliveries.STATUS -> r.changesStatus();
            default -> false;
        };
    }

    private static String nonZero(Map<String, Long> bySink) {
        StringBuilder sb = new StringBuilder();
        bySink.forEach((k, v) -> {
            if (v > 0) {
                sb.append(sb.length() == 0 ? "(" : ", ").append(k).append(' ').append(v);
            }
        });
        return sb.length() == 0 ? "" : sb.append(')').toString();
    }
}

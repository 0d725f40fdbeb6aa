package dev.streampipe.bench.chaos;

import dev.streampipe.router.SessionTopology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One variant's figures and checks, computed only from what the endpoints recorded ({@link Deliveries}), the
 * stream's own truth (which records must reach which sink) and the schedule (which records it made fail past the
 * retry limit, which ledger writes it refused). Nothing is read from the router's counters.
 *
 * @param rows   figures for the table, label to value, in print order
 * @param checks verification name to the failure detail, or {@code null} when it passed
 */
record ChaosVerdict(Variant variant, Map<String, String> rows, Map<String, String> checks) {

    boolean passed() {
        return checks.values().stream().allMatch(v -> v == null);
    }

    long figure(String row) {
        return Long.parseLong(rows.get(row).split(" ")[0]);
    }

    static ChaosVerdict of(Variant variant, ChaosSettings settings, SyntheticStream stream, FaultSchedule schedule,
                           Deliveries d, ChaosRun.Counters counters, Map<String, Integer> lostWrites,
                           List<OnFailureRange> onFailure, List<OnFailureRange> notRedriven, Duration wall) {
        Map<String, String> rows = new LinkedHashMap<>();
        Map<String, String> checks = new LinkedHashMap<>();
        rows.put("records", Integer.toString(stream.size()));
        rows.put("partition keys / shards", settings.keys() + " / " + settings.shards());
        rows.put("invocations", Long.toString(counters.invocations.get()));
        schedule.injected().forEach((k, n) -> rows.put("  faults: " + k.label, Long.toString(n.get())));
        rows.put("  faults: stuck records (fail every attempt)", Integer.toString(schedule.stuck().size()));
        long poison = 0;
        for (StreamRecord r : stream.all()) {
            poison += r.poison() ? 1 : 0;
        }
        rows.put("  faults: poison records", Long.toString(poison));
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
            if (r.poison()) {
                String pair = r.eventId() + "#" + r.poisonRoute();
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
        return new ChaosVerdict(variant, rows, checks);
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

package dev.streampipe.bench.chaos;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.router.SessionTopology;
import dev.streampipe.testing.aws.EventBridgeEntry;
import dev.streampipe.testing.aws.LoopbackAws;
import dev.streampipe.testing.aws.RecordedCall;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What the endpoints recorded as accepted, per sink, in arrival order, harvested after each invocation: how many
 * times each event id reached each sink, and per partition key whether each sink's first deliveries came in
 * sequence-number order. Dead letters are kept as (event id, route) with their reason. The handoff windows' final
 * counts (EventBridge events of detail type {@code HandoffWindowClosed}, beside the status events on the bus) are
 * kept per (window start, reason), every count received. Single-threaded (the run harvests between invocations).
 */
final class Deliveries {
    static final String ANALYTICS = "analytics";
    static final String AUDIT = "audit";
    static final String TRIGGERS = "summary-trigger";
    static final String PAGES = "handoffs";
    static final String STATUS = "status-events";
    static final List<String> SINKS = List.of(ANALYTICS, AUDIT, TRIGGERS, PAGES, STATUS);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SyntheticStream stream;
    private final Map<String, Map<String, Integer>> counts = new HashMap<>();
    private final Map<String, String> lastFirstDelivery = new HashMap<>();
    private final Map<String, Long> orderViolations = new HashMap<>();
    private final Map<String, Integer> deadLetters = new HashMap<>();
    private final Map<String, Long> redriveOrderViolations = new HashMap<>();
    private final Map<WindowGroup, List<Long>> windowResults = new HashMap<>();
    private boolean redriving;
    private long deadLettersWithoutReason;
    private long failedCalls;
    private long failedEntries;

    Deliveries(SyntheticStream stream) {
        this.stream = stream;
        SINKS.forEach(s -> {
            counts.put(s, new HashMap<>());
            orderViolations.put(s, 0L);
        });
    }

    /** Reads what {@code aws} recorded since its last reset, and the audit lines logged meanwhile (a log write may
     * carry several lines). */
    void harvest(LoopbackAws aws, List<String> logLines) {
        take(ANALYTICS, aws.firehose().calls(), e -> EventIds.all(e.text())); // a record packs its key's lines
        take(PAGES, aws.sns().calls(), e -> List.of(EventIds.first(e.message())));
        for (RecordedCall<EventBridgeEntry> call : aws.eventBridge().calls()) {
            count(call);
            for (EventBridgeEntry e : call.accepted()) {
                if (SessionTopology.HANDOFF_WINDOW_CLOSED.equals(e.detailType())) {
                    windowResult(e.detail());
                } else {
                    deliver(STATUS, EventIds.first(e.detail()));
                }
            }
        }
        take(TRIGGERS, aws.lambda().calls(), e -> EventIds.all(e.payloadText()));
        for (RecordedCall<dev.streampipe.testing.aws.SqsEntry> call : aws.sqs().calls()) {
            count(call);
            for (var e : call.accepted()) {
                String body = e.messageBody();
                String reason = EventIds.field(body, "reason");
                if (reason == null || reason.isBlank() || EventIds.field(body, "route") == null) {
                    deadLettersWithoutReason++;
                }
                deadLetters.merge(EventIds.field(body, "eventId") + "#" + EventIds.field(body, "route"), 1,
                        Integer::sum);
            }
        }
        for (String lines : logLines) {
            for (String line : lines.split("\n")) {
                if (line.contains("\"kind\":\"change\"")) {
                    deliver(AUDIT, EventIds.first(line));
                }
            }
        }
    }

    private <E> void take(String sink, List<RecordedCall<E>> calls, Function<E, List<String>> ids) {
        for (RecordedCall<E> call : calls) {
            count(call);
            for (E e : call.accepted()) {
                ids.apply(e).forEach(id -> deliver(sink, id));
            }
        }
    }

    private void count(RecordedCall<?> call) {
        if (call.callError() != null) {
            failedCalls++;
        }
        failedEntries += call.entryErrors().size();
    }

    private void deliver(String sink, String eventId) {
        if (counts.get(sink).merge(eventId, 1, Integer::sum) > 1) {
            return;
        }
        StreamRecord r = stream.record(eventId);
        if (r == null) {
            return;
        }
        String key = sink + "|" + r.partitionKey();
        String last = lastFirstDelivery.get(key);
        if (last != null && last.compareTo(r.sequenceNumber()) > 0) {
            (redriving ? redriveOrderViolations : orderViolations).merge(sink, 1L, Long::sum);
        } else {
            lastFirstDelivery.put(key, r.sequenceNumber());
        }
    }

    /** One reason's count in one window of the handoffs' windowed aggregation. */
    record WindowGroup(long windowStart, String reason) {
    }

    private void windowResult(String detail) {
        JsonNode d;
        try {
            d = JSON.readTree(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a handoff window's JSON: " + detail, e);
        }
        windowResults.computeIfAbsent(new WindowGroup(Instant.parse(d.path("windowStart").asText()).toEpochMilli(),
                d.path("reason").asText()), k -> new ArrayList<>()).add(d.path("count").asLong());
    }

    /** Every final count received per (window, reason), in arrival order. */
    Map<WindowGroup, List<Long>> windowResults() {
        return windowResults;
    }

    int count(String sink, String eventId) {
        return counts.get(sink).getOrDefault(eventId, 0);
    }

    Map<String, Integer> counts(String sink) {
        return counts.get(sink);
    }

    long orderViolations(String sink) {
        return orderViolations.get(sink);
    }

    /** From now on, first deliveries out of order are counted as the redrive's (records the mapping skipped). */
    void redriving() {
        redriving = true;
    }

    long redriveOrderViolations() {
        return redriveOrderViolations.values().stream().mapToLong(Long::longValue).sum();
    }

    Map<String, Integer> deadLetters() {
        return deadLetters;
    }

    long deadLettersWithoutReason() {
        return deadLettersWithoutReason;
    }

    long failedCalls() {
        return failedCalls;
    }

    long failedEntries() {
        return failedEntries;
    }
}

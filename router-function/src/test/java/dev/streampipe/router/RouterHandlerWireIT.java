package dev.streampipe.router;

import dev.streampipe.aws.lambda.InvocationContext;

import static dev.streampipe.router.RouterHarness.event;
import static dev.streampipe.router.RouterHarness.eventFile;
import static dev.streampipe.router.RouterHarness.failures;
import static dev.streampipe.router.RouterHarness.read;
import static dev.streampipe.router.RouterHarness.records;
import static dev.streampipe.router.RouterHarness.sequenceNumber;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.testing.InMemoryEffectLedger;
import dev.streampipe.testing.StreamEvent;
import dev.streampipe.testing.aws.LambdaInvocation;
import dev.streampipe.testing.aws.LoopbackAws;
import dev.streampipe.testing.aws.LoopbackAwsExtension;
import dev.streampipe.testing.aws.ServiceStub;
import dev.streampipe.testing.aws.SnsEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole handler on the wire: {@code handleRequest} over sample events, with every sink's real SDK client on the
 * loopback endpoint (the effect ledger in memory here; on moto in {@link RouterHandlerLedgerIT}).
 */
class RouterHandlerWireIT {
    @RegisterExtension
    static final LoopbackAwsExtension LOOPBACK = new LoopbackAwsExtension();

    @Test
    void shouldMakeOneBatchCallPerSinkAndOneInvokePerWindowWhenHandlingTheMixedBatch() {
        // GIVEN the 140-record mixed batch
        LoopbackAws aws = LOOPBACK.aws();
        byte[] batch = eventFile("mixed-batch.json");
        List<JsonNode> records = records(batch);
        Set<String> windows = closedWindows(records);
        List<JsonNode> statusChanges = records.stream().filter(RouterHandlerWireIT::isStatusChange).toList();
        List<JsonNode> handoffs = records.stream().filter(r -> sortKey(r).startsWith("HANDOFF#")).toList();

        // WHEN
        JsonNode response;
        try (RouterHarness router = new RouterHarness(aws)) {
            response = router.handle(batch);
            // THEN the audit log has one line per record and no conversation content
            assertThat(router.logLines.stream().flatMap(String::lines).filter(l -> l.contains("\"kind\":\"change\"")))
                    .hasSize(records.size());
        }

        // THEN nothing to retry, and each sink used its minimum number of calls for keeping each session's order:
        // one session changes status twice, so its second event waits for its first, in a second PutEvents
        assertThat(failures(response)).isEmpty();
        assertThat(aws.calls("Firehose", "PutRecordBatch")).isEqualTo(1);
        assertThat(aws.calls("SNS", "PublishBatch")).isEqualTo(1);
        assertThat(aws.calls("EventBridge", "PutEvents")).isEqualTo(2);
        assertThat(aws.eventBridge().calls()).extracting(c -> c.entries().size()).containsExactly(5, 1);
        assertThat(aws.calls("Lambda", "Invoke")).isEqualTo(1);
        assertThat(aws.calls("SQS", "SendMessageBatch")).isZero();
        assertThat(aws.unexpected()).isEmpty();

        // analytics: one NDJSON line per record, keyed by event id and sequence number, no content; a session's
        // lines packed, in stream order, into one Firehose record
        List<JsonNode> lines = aws.firehose().receivedLines().stream().map(l -> read(l)).toList();
        assertThat(lines).extracting(l -> l.get("sequence_number").asText())
                .containsExactlyInAnyOrderElementsOf(records.stream().map(RouterHarness::sequenceNumber).toList());
        assertThat(lines).allSatisfy(l -> assertThat(l.has("content")).isFalse());
        assertThat(aws.firehose().received()).allSatisfy(r -> assertThat(r.text()).endsWith("}\n"));
        Set<String> sessions = new LinkedHashSet<>();
        records.forEach(r -> sessions.add(r.get("dynamodb").get("Keys").get("PK").get("S").asText()));
        assertThat(aws.firehose().received()).hasSize(sessions.size()).allSatisfy(r -> {
            List<JsonNode> packed = r.lines().stream().map(l -> read(l)).toList();
            assertThat(packed).extracting(l -> l.get("pk").asText()).containsOnly(packed.get(0).get("pk").asText());
            assertThat(packed).extracting(l -> l.get("sequence_number").asText()).isEqualTo(records.stream()
                    .filter(rec -> rec.get("dynamodb").get("Keys").get("PK").get("S").asText()
                            .equals(packed.get(0).get("pk").asText()))
                    .map(RouterHarness::sequenceNumber).toList());
        });

        // summary trigger: one async invoke {"windows":[{sessionId, window, ...}, ...]}, one entry per session and
        // window
        assertThat(windows).hasSize(9);
        assertThat(aws.lambda().received()).allSatisfy(i -> {
            assertThat(i.invocationType()).isEqualTo("Event");
            assertThat(i.functionName()).isEqualTo(RouterHarness.FUNCTION);
        });
        assertThat(aws.lambda().received().stream().flatMap(i -> sessionWindows(i).stream()))
                .containsExactlyInAnyOrderElementsOf(windows);

        // status changes: one event each, with old and new status (in order per session; a session's second
        // change goes in the second call)
        assertThat(aws.eventBridge().received()).hasSize(statusChanges.size()).allSatisfy(e -> {
            assertThat(e.eventBusName()).isEqualTo(RouterHarness.BUS);
            assertThat(e.detailType()).isEqualTo("SessionStatusChanged");
        });
        assertThat(aws.eventBridge().received().stream().map(e -> read(e.detail()))
                .map(d -> d.get("eventId").asText() + ":" + d.get("oldStatus").asText() + ">" + d.get("newStatus").asText()))
                .containsExactlyInAnyOrderElementsOf(statusChanges.stream().map(r -> r.get("eventID").asText() + ":"
                        + image(r, "OldImage", "status") + ">" + image(r, "NewImage", "status")).toList());

        // handoffs: one SNS message each, filterable by attributes
        assertThat(aws.sns().received()).extracting(e -> e.attribute("agent_id"))
                .containsExactlyElementsOf(handoffs.stream().map(r -> image(r, "NewImage", "agent_id")).toList());
        assertThat(aws.sns().received()).allSatisfy(e -> assertThat(e.attribute("event_type")).isEqualTo("handoff"));
    }

    @Test
    void shouldInvokeTheSummaryOnceWhenTwoRecordsCloseTheSameWindowInOneBatch() {
        // GIVEN turn 10 of s-0001 twice (a second INSERT after a delete), distinct event ids
        LoopbackAws aws = LOOPBACK.aws();
        JsonNode turn = records(eventFile("turn-insert-window-closed.json")).get(0);
        ObjectNode again = turn.deepCopy();
        again.put("eventID", "f".repeat(32));
        ((ObjectNode) again.get("dynamodb")).put("SequenceNumber", sequenceNumber(turn) + "9");

        // WHEN
        JsonNode response;
        try (RouterHarness router = new RouterHarness(aws)) {
            response = router.handle(event(List.of(turn, again)));
        }

        // THEN one async invoke with {"windows":[{"sessionId":"s-0001","window":1,...}]}; both records reach analytics
        assertThat(failures(response)).isEmpty();
        assertThat(aws.lambda().received()).singleElement().satisfies(i -> {
            JsonNode windows = read(i.payloadText()).get(RouterWiring.SUMMARY_TRIGGER_FIELD);
            assertThat(windows).hasSize(1);
            JsonNode payload = windows.get(0);
            assertThat(payload.get("sessionId").asText()).isEqualTo("s-0001");
            assertThat(payload.get("window").asInt()).isEqualTo(1);
            assertThat(payload.get("eventId").asText()).isEqualTo(turn.get("eventID").asText());
        });
        assertThat(aws.firehose().receivedLines()).hasSize(2);
    }

    @Test
    void shouldPrintStatusMetricsAndPutEachClosedHandoffWindowOnTheBusWhenTheAggregationsChange() {
        // GIVEN a session created with a billing handoff at 12:00:10, then a turn of 12:06:30 (past 12:00-12:05's
        // close, its end plus a minute of grace)
        LoopbackAws aws = LOOPBACK.aws();
        Instant t0 = Instant.parse("2026-11-20T12:00:00Z");
        byte[] first = StreamEvent.of(
                StreamEvent.insert("PK", "SESSION#s-1", "SK", "META").eventId("e-1").createdAt(t0)
                        .newImage("status", "active", "customer_id", "c-1"),
                StreamEvent.insert("PK", "SESSION#s-1", "SK", "HANDOFF#1").eventId("e-2").createdAt(t0.plusSeconds(10))
                        .newImage("agent_id", "agent-1", "reason", "billing")).getBytes(StandardCharsets.UTF_8);
        byte[] later = StreamEvent.of(StreamEvent.insert("PK", "SESSION#s-1", "SK", "TURN#000001").eventId("e-3")
                .createdAt(t0.plusSeconds(390)).newImage("turn_number", 1)).getBytes(StandardCharsets.UTF_8);

        // WHEN
        List<String> metrics;
        try (RouterHarness router = new RouterHarness(aws)) {
            assertThat(failures(router.handle(first))).isEmpty();
            assertThat(failures(router.handle(later))).isEmpty();
            metrics = router.logLines.stream().flatMap(String::lines).filter(l -> l.contains("\"ActiveSessions\""))
                    .toList();
        }

        // THEN the status count is an EMF line in the function's log, the closed window one event on the bus
        assertThat(metrics).singleElement().satisfies(l -> {
            JsonNode line = read(l);
            assertThat(line.get("Status").asText()).isEqualTo("active");
            assertThat(line.get("ActiveSessions").asLong()).isEqualTo(1);
            assertThat(line.get("_aws").get("CloudWatchMetrics").get(0).get("Dimensions").toString())
                    .isEqualTo("[[\"Status\"]]");
        });
        assertThat(aws.eventBridge().received()).singleElement().satisfies(e -> {
            assertThat(e.eventBusName()).isEqualTo(RouterHarness.BUS);
            assertThat(e.source()).isEqualTo(RouterHarness.SOURCE);
            assertThat(e.detailType()).isEqualTo(SessionTopology.HANDOFF_WINDOW_CLOSED);
            JsonNode detail = read(e.detail());
            assertThat(detail.get("reason").asText()).isEqualTo("billing");
            assertThat(detail.get("count").asLong()).isEqualTo(1);
            assertThat(detail.get("windowStart").asText()).isEqualTo("2026-11-20T12:00:00Z");
            assertThat(detail.get("windowEnd").asText()).isEqualTo("2026-11-20T12:05:00Z");
        });
    }

    @Test
    void shouldDeadLetterTheMalformedRecordWithItsRawJsonAndReasonAndReportNoFailure() {
        // GIVEN seven records, the fourth without dynamodb.Keys
        LoopbackAws aws = LOOPBACK.aws();
        byte[] batch = eventFile("batch-with-malformed-record.json");
        JsonNode poison = records(batch).get(3);

        // WHEN
        JsonNode response;
        try (RouterHarness router = new RouterHarness(aws)) {
            response = router.handle(batch);
        }

        // THEN the batch is done; SQS got one letter with the record verbatim and why; the six others went through
        assertThat(failures(response)).isEmpty();
        assertThat(aws.sqs().received()).singleElement().satisfies(m -> {
            assertThat(m.queueUrl()).isEqualTo(RouterHarness.QUEUE);
            JsonNode letter = read(m.messageBody());
            assertThat(letter.get("record")).isEqualTo(poison);
            assertThat(letter.get("reason").asText()).startsWith("undecodable").containsIgnoringCase("keys");
            assertThat(letter.get("eventId").asText()).isEqualTo("51ecf0e4ee4defae8f9275f3e2e66b7d");
            assertThat(letter.get("sequenceNumber").asText()).isEqualTo("4421601200000000017453091411");
            assertThat(letter.get("recordIndex").asInt()).isEqualTo(3);
        });
        assertThat(aws.firehose().receivedLines()).hasSize(6);
        assertThat(aws.lambda().received()).singleElement().extracting(RouterHandlerWireIT::sessionWindows)
                .isEqualTo(List.of("s-0202#1"));
    }

    @Test
    void shouldDeadLetterAHandoffTooLargeForSnsWithTheReasonInsteadOfDroppingIt() {
        // GIVEN a handoff whose reason is 300 KiB (the item is legal: under 400 KB), over SNS's 256 KiB
        LoopbackAws aws = LOOPBACK.aws();
        JsonNode handoff = records(eventFile("handoff-insert.json")).get(0).deepCopy();
        ((ObjectNode) handoff.get("dynamodb").get("NewImage").get("reason")).put("S", "r".repeat(300 * 1024));

        // WHEN
        JsonNode response;
        try (RouterHarness router = new RouterHarness(aws)) {
            response = router.handle(event(List.of(handoff)));
        }

        // THEN no page is sent, the record is dead-lettered (cut to fit, still identified) and counts as handled
        assertThat(failures(response)).isEmpty();
        assertThat(aws.sns().received()).isEmpty();
        assertThat(aws.firehose().receivedLines()).hasSize(1);
        assertThat(aws.sqs().received()).singleElement().satisfies(m -> {
            JsonNode letter = read(m.messageBody());
            assertThat(letter.get("reason").asText()).contains("handoffs", "SNS.PublishBatch", "exceeds the limit");
            assertThat(letter.get("route").asText()).isEqualTo("page-handoff");
            assertThat(letter.get("sequenceNumber").asText()).isEqualTo(sequenceNumber(handoff));
            assertThat(letter.get("truncated").asBoolean()).isTrue();
        });
    }

    @Test
    void shouldReportTheFirstRecordBeforeTheInvocationTimesOutWhenFirehoseThrottlesWithoutEnd() {
        // GIVEN Firehose throttles every call; the invocation has 6 s left; retries may wait up to 3 s each
        LoopbackAws aws = LOOPBACK.aws();
        aws.firehose().throttle(ServiceStub.ALWAYS);
        RetryPolicy patient = new RetryPolicy(20, Duration.ofMillis(400), Duration.ofSeconds(3), Duration.ofSeconds(1));
        byte[] batch = eventFile("mixed-batch.json");

        // WHEN
        JsonNode response;
        InvocationContext context;
        try (RouterHarness router = new RouterHarness(aws, new InMemoryEffectLedger(), patient)) {
            context = InvocationContext.of("streampipe-router", Duration.ofSeconds(6), router.clock);
            response = router.handle(batch, context);

            // THEN the router answered with time left (at least the margin), having given up on Firehose
            assertThat(context.getRemainingTimeInMillis()).isGreaterThan(1_000);
            assertThat(router.sleeper.sleeps()).isEqualTo(aws.calls("Firehose", "PutRecordBatch") - 1);
        }

        // THEN Lambda is told to redeliver from the first record; the other sinks went through once
        assertThat(failures(response)).containsExactly(sequenceNumber(records(batch).get(0)));
        assertThat(aws.calls("Firehose", "PutRecordBatch")).isBetween(2, 19);
        assertThat(aws.sns().accepted()).hasSize(3);
        assertThat(aws.eventBridge().accepted()).hasSize(6);
    }

    static Set<String> closedWindows(List<JsonNode> records) {
        return records.stream()
                .filter(r -> r.get("eventName").asText().equals("INSERT") && sortKey(r).startsWith("TURN#"))
                .filter(r -> Integer.parseInt(image(r, "NewImage", "turn_number")) % 10 == 0)
                .map(r -> image(r, "NewImage", "PK").substring("SESSION#".length()) + "#"
                        + Integer.parseInt(image(r, "NewImage", "turn_number")) / 10)
                .collect(Collectors.toSet());
    }

    static boolean isStatusChange(JsonNode r) {
        return r.get("eventName").asText().equals("MODIFY") && sortKey(r).equals("META")
                && !image(r, "OldImage", "status").equals(image(r, "NewImage", "status"));
    }

    static String sortKey(JsonNode r) {
        return r.get("dynamodb").get("Keys").get("SK").get("S").asText();
    }

    /** A scalar attribute of an image as text (S or N), or "" when absent. */
    static String image(JsonNode r, String image, String attribute) {
        JsonNode value = r.get("dynamodb").path(image).path(attribute);
        return value.has("S") ? value.get("S").asText() : value.path("N").asText("");
    }

    /** The {@code <sessionId>#<window>} entries of one batched summary trigger, in payload order. */
    static List<String> sessionWindows(LambdaInvocation i) {
        List<String> windows = new ArrayList<>();
        read(i.payloadText()).get(RouterWiring.SUMMARY_TRIGGER_FIELD).forEach(w ->
                windows.add(w.get("sessionId").asText() + "#" + w.get("window").asLong()));
        return windows;
    }

    static List<String> detailEventIds(LoopbackAws aws) {
        List<String> ids = new ArrayList<>();
        aws.eventBridge().accepted().forEach(e -> ids.add(read(e.detail()).get("eventId").asText()));
        return ids;
    }

    static List<String> handoffEventIds(LoopbackAws aws) {
        return aws.sns().accepted().stream().map(SnsEntry::message).map(m -> read(m).get("eventId").asText()).toList();
    }
}

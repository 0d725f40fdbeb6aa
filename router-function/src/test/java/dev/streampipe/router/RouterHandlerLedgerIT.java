package dev.streampipe.router;

import static dev.streampipe.router.RouterHandlerWireIT.detailEventIds;
import static dev.streampipe.router.RouterHandlerWireIT.handoffEventIds;
import static dev.streampipe.router.RouterHandlerWireIT.isStatusChange;
import static dev.streampipe.router.RouterHandlerWireIT.sortKey;
import static dev.streampipe.router.RouterHarness.event;
import static dev.streampipe.router.RouterHarness.eventFile;
import static dev.streampipe.router.RouterHarness.failures;
import static dev.streampipe.router.RouterHarness.read;
import static dev.streampipe.router.RouterHarness.records;
import static dev.streampipe.router.RouterHarness.sequenceNumber;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.testing.aws.LoopbackAws;
import dev.streampipe.testing.aws.LoopbackAwsExtension;
import dev.streampipe.testing.moto.MotoExtension;
import dev.streampipe.testing.ddb.LedgerTable;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once effects across redelivery: the handler wired by {@link RouterWiring} with its effect ledger on
 * moto and every sink on the loopback endpoint, fed batches the way Lambda redelivers them.
 */
class RouterHandlerLedgerIT {
    @RegisterExtension
    static final LoopbackAwsExtension LOOPBACK = new LoopbackAwsExtension();

    @RegisterExtension
    static final MotoExtension DDB = new MotoExtension();

    private static RouterHarness router(LoopbackAws aws) {
        LedgerTable ledger = DDB.createLedgerTable();
        return new RouterHarness(aws, DDB.client(), ledger.name(), RetryPolicy.DEFAULT);
    }

    @Test
    void shouldPageAndPublishOnceWhenTheSameBatchIsDeliveredTwiceToDifferentContainers() {
        // GIVEN the mixed batch: 3 handoffs and 6 status changes, and two containers sharing one ledger table
        LoopbackAws aws = LOOPBACK.aws();
        byte[] batch = eventFile("mixed-batch.json");
        List<JsonNode> records = records(batch);
        LedgerTable ledger = DDB.createLedgerTable();

        // WHEN it is handled by one container, then delivered again whole to the other (which remembers nothing)
        JsonNode first;
        JsonNode second;
        try (RouterHarness one = new RouterHarness(aws, DDB.client(), ledger.name(), RetryPolicy.DEFAULT)) {
            first = one.handle(batch);
        }
        try (RouterHarness router = new RouterHarness(aws, DDB.client(), ledger.name(), RetryPolicy.DEFAULT)) {
            second = router.handle(batch);
            // THEN the second run logs every ledgered effect as skipped: the durable ledger, not memory, kept them
            JsonNode summary = read(router.logLines.stream().filter(l -> l.contains("\"kind\":\"batch\""))
                    .reduce((a, b) -> b).orElseThrow());
            assertThat(summary.get("sink.handoffs.skipped").asInt()).isEqualTo(3);
            assertThat(summary.get("sink.status-events.skipped").asInt()).isEqualTo(6);
        }

        // THEN each SNS page and each EventBridge event happened once; the idempotent sinks saw the batch twice
        assertThat(failures(first)).isEmpty();
        assertThat(failures(second)).isEmpty();
        assertThat(handoffEventIds(aws)).hasSize(3).doesNotHaveDuplicates()
                .containsExactlyElementsOf(records.stream().filter(r -> sortKey(r).startsWith("HANDOFF#"))
                        .map(r -> r.get("eventID").asText()).toList());
        assertThat(detailEventIds(aws)).hasSize(6).doesNotHaveDuplicates();
        assertThat(aws.calls("SNS", "PublishBatch")).isEqualTo(1);
        assertThat(aws.calls("EventBridge", "PutEvents")).isEqualTo(2); // one session's two changes, in order
        assertThat(aws.firehose().receivedLines()).hasSize(2 * records.size());
        assertThat(aws.lambda().received()).hasSize(2)
                .allSatisfy(i -> assertThat(RouterHandlerWireIT.sessionWindows(i)).hasSize(9));
    }

    @Test
    void shouldNameTheFailedRecordAndCompleteOnRedeliveryWithoutRepeatingEffects() {
        // GIVEN the mixed batch, where EventBridge refuses the third of six status changes for a whole invocation
        LoopbackAws aws = LOOPBACK.aws();
        byte[] batch = eventFile("mixed-batch.json");
        List<JsonNode> records = records(batch);
        List<JsonNode> statusChanges = records.stream().filter(RouterHandlerWireIT::isStatusChange).toList();
        JsonNode failing = statusChanges.get(2);
        int failingIndex = records.indexOf(failing);
        String failingId = failing.get("eventID").asText();
        aws.eventBridge().failEntriesMatching(e -> e.detail().contains(failingId), "InternalFailure",
                RetryPolicy.DEFAULT.maxAttempts());

        try (RouterHarness router = router(aws)) {
            // WHEN the batch is handled
            JsonNode first = router.handle(batch);

            // THEN the response names exactly that record's sequence number; the effects after it went out already
            assertThat(failures(first)).containsExactly(sequenceNumber(failing));
            assertThat(detailEventIds(aws)).hasSize(5).doesNotContain(failingId);
            assertThat(handoffEventIds(aws)).hasSize(3);

            // WHEN Lambda redelivers from that record on
            JsonNode second = router.handle(event(records.subList(failingIndex, records.size())));

            // THEN the batch completes, the refused event goes out once, and no ledgered effect repeats
            assertThat(failures(second)).isEmpty();
            // AND the container's record of what each sink accepted skipped everything but the refused event
            JsonNode summary = read(router.logLines.stream().filter(l -> l.contains("\"kind\":\"batch\""))
                    .reduce((a, b) -> b).orElseThrow());
            int redelivered = records.size() - failingIndex;
            assertThat(summary.get("sink.analytics.skipped").asInt()).isEqualTo(redelivered);
            assertThat(summary.get("sink.status-events.skipped").asInt()).isEqualTo(3);
        }
        assertThat(detailEventIds(aws)).hasSize(6).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(statusChanges.stream().map(r -> r.get("eventID").asText()).toList());
        assertThat(handoffEventIds(aws)).hasSize(3).doesNotHaveDuplicates();
        long attempts = aws.eventBridge().received().stream().filter(e -> e.detail().contains(failingId)).count();
        assertThat(attempts).isEqualTo(RetryPolicy.DEFAULT.maxAttempts() + 1);
        // redelivery to the same container re-sends nothing analytics already took (no duplicate lines)
        assertThat(aws.firehose().receivedLines()).hasSize(records.size());
    }

    @Test
    void shouldLogAndCountTheLedgerWriteFailureWhenTheWriteFailsAfterASuccessfulPublish() {
        // GIVEN the ledger on moto, where every BatchWriteItem goes to a table that does not exist (reads still work)
        LoopbackAws aws = LOOPBACK.aws();
        LedgerTable ledger = DDB.createLedgerTable();
        ExecutionInterceptor writesToNowhere = new ExecutionInterceptor() {
            @Override
            public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
                if (context.request() instanceof BatchWriteItemRequest w) {
                    return w.toBuilder().requestItems(w.requestItems().values().stream().collect(Collectors.toMap(
                            v -> ledger.name() + "-missing", v -> v))).build();
                }
                return context.request();
            }
        };
        byte[] batch = eventFile("handoff-insert.json");
        String eventId = records(batch).get(0).get("eventID").asText();

        try (DynamoDbClient ddb = DDB.server().configure(DynamoDbClient.builder())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(writesToNowhere)).build();
             RouterHarness router = new RouterHarness(aws, ddb, ledger.name(), RetryPolicy.DEFAULT)) {
            // WHEN the handoff is handled
            JsonNode response = router.handle(batch);

            // THEN the page went out once and the batch is done (reporting it would repeat the page for certain) ...
            assertThat(failures(response)).isEmpty();
            assertThat(handoffEventIds(aws)).containsExactly(eventId);
            // ... and the ledger write was retried, then logged with the effect id and counted in an EMF metric
            List<JsonNode> metrics = router.logLines.stream().filter(l -> l.contains("\"LedgerWriteFailures\""))
                    .map(RouterHarness::read).toList();
            assertThat(metrics).singleElement().satisfies(n -> {
                assertThat(n.get("LedgerWriteFailures").asInt()).isEqualTo(1);
                assertThat(n.get("Route").asText()).isEqualTo("page-handoff");
                assertThat(n.get("effects").toString()).isEqualTo("[\"" + eventId + "#page-handoff\"]");
                assertThat(n.get("reason").asText()).contains("BatchWriteItem", "gave up after "
                        + RetryPolicy.DEFAULT.maxAttempts() + " attempts");
                assertThat(n.get("_aws").get("CloudWatchMetrics").get(0).get("Metrics").get(0).get("Name").asText())
                        .isEqualTo("LedgerWriteFailures");
            });
            JsonNode summary = router.logLines.stream().filter(l -> l.contains("\"kind\":\"batch\""))
                    .map(RouterHarness::read).findFirst().orElseThrow();
            assertThat(summary.get("ledger_write_failures").asInt()).isEqualTo(1);
        }
    }
}

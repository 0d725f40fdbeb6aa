package dev.streampipe.aws;

import static dev.streampipe.aws.WireFixture.body;
import static dev.streampipe.aws.WireFixture.message;
import static dev.streampipe.aws.WireFixture.messages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.aws.internal.Utf8;
import java.util.function.UnaryOperator;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.EventBridgeOptions;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.SinkResult;
import dev.streampipe.testing.aws.EventBridgeEntry;
import dev.streampipe.testing.aws.LoopbackAws;
import dev.streampipe.testing.aws.LoopbackAwsExtension;
import dev.streampipe.testing.aws.RecordedCall;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/** {@link EventBridgeSink} on the wire: PutEvents over AWS JSON 1.1 against the loopback endpoint. */
class EventBridgeSinkIT {
    private static final String BUS = "sessions-bus";
    private static final String SOURCE = "streampipe.sessions";
    private static final UnaryOperator<Payload> STATUS_CHANGED =
            p -> p.with(EventBridgeOptions.detailType("SessionStatusChanged"));

    @RegisterExtension
    static final LoopbackAwsExtension LOOPBACK = new LoopbackAwsExtension();

    private final WireFixture fixture = new WireFixture();
    private LoopbackAws aws;
    private EventBridgeClient client;
    private EventBridgeSink sink;

    @BeforeEach
    void start() {
        aws = LOOPBACK.aws();
        client = aws.client(EventBridgeClient.builder());
        sink = new EventBridgeSink("status-events", client, BUS, SOURCE, fixture.senders());
    }

    @AfterEach
    void stop() {
        client.close();
        fixture.close();
    }

    private static List<Integer> sortedSizes(List<RecordedCall<EventBridgeEntry>> calls) {
        return calls.stream().map(c -> c.entries().size()).sorted((a, b) -> b - a).toList();
    }

    /** Source, detail type and detail: what EventBridge counts for an entry without resources or time. */
    private static long entrySize(EventBridgeEntry e) {
        return Utf8.length(e.source()) + Utf8.length(e.detailType()) + Utf8.length(e.detail());
    }

    @Test
    void shouldPutEventsInBatchesOf10OnTheBusWhenGivenMoreThan10() {
        // GIVEN 25 status changes
        List<Message> batch = messages("meta-status", "status-events", 25, 300, STATUS_CHANGED);

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN 10 + 10 + 5 PutEvents calls; each entry carries bus, source, detail type and the body as detail
        assertThat(result.failures()).isEmpty();
        assertThat(aws.calls("EventBridge", "PutEvents")).isEqualTo(3);
        assertThat(sortedSizes(aws.eventBridge().calls())).containsExactly(10, 10, 5);
        assertThat(aws.eventBridge().received()).extracting(EventBridgeEntry::detail)
                .containsExactlyInAnyOrderElementsOf(batch.stream().map(Message::body).toList());
        assertThat(aws.eventBridge().received()).allSatisfy(e -> {
            assertThat(e.eventBusName()).isEqualTo(BUS);
            assertThat(e.source()).isEqualTo(SOURCE);
            assertThat(e.detailType()).isEqualTo("SessionStatusChanged");
        });
        assertThat(aws.unexpected()).isEmpty();
    }

    @Test
    void shouldUseAMessagesOwnSourceWhenItsOptionsNameOne() {
        // GIVEN two events: one from the sink's source, one with its own
        List<Message> batch = List.of(message("meta-status", "status-events", 0, body(0, 200), STATUS_CHANGED),
                message("meta-status", "status-events", 1, body(1, 200),
                        p -> p.with(EventBridgeOptions.detailType("SessionArchived").source("streampipe.archive"))));

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN each entry carries its detail type and source
        assertThat(result.failures()).isEmpty();
        assertThat(aws.eventBridge().received()).extracting(EventBridgeEntry::detailType, EventBridgeEntry::source)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("SessionStatusChanged", SOURCE),
                        org.assertj.core.groups.Tuple.tuple("SessionArchived", "streampipe.archive"));
    }

    @Test
    void shouldSplitAt256KiBWhenEventsExceedTheCallSize() {
        // GIVEN four events of 100 KiB
        List<Message> batch = messages("meta-status", "status-events", 4, 100 * 1024, STATUS_CHANGED);

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN 2 + 2, each call within 256 KiB
        assertThat(result.failures()).isEmpty();
        assertThat(sortedSizes(aws.eventBridge().calls())).containsExactly(2, 2);
        assertThat(aws.eventBridge().calls()).allSatisfy(c -> assertThat(c.entries().stream()
                .mapToLong(EventBridgeSinkIT::entrySize).sum()).isLessThanOrEqualTo(256 * 1024));
    }

    @Test
    void shouldResendOnlyFailedEntriesWhenEventBridgeReportsSomeFailed() {
        // GIVEN ten events, the first and the last fail once
        List<Message> batch = messages("meta-status", "status-events", 10, 200, STATUS_CHANGED);
        aws.eventBridge().failEntriesAt(Set.of(0, 9), "InternalFailure", 1);

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN the second call carries exactly those two
        assertThat(result.failures()).isEmpty();
        List<RecordedCall<EventBridgeEntry>> calls = aws.eventBridge().calls();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).entries()).extracting(EventBridgeEntry::detail)
                .containsExactly(batch.get(0).body(), batch.get(9).body());
        assertThat(aws.eventBridge().accepted()).hasSize(10);
    }

    @Test
    void shouldNotRetryAnEntryEventBridgeRejectsAsMalformed() {
        // GIVEN entry 2 is rejected with a client error code
        List<Message> batch = messages("meta-status", "status-events", 3, 200, STATUS_CHANGED);
        aws.eventBridge().failEntriesAt(Set.of(2), "MalformedDetail", 1);

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN a permanent failure with the code; one call only
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo(batch.get(2));
            assertThat(f.failure().retryable()).isFalse();
            assertThat(f.failure().reason()).startsWith("MalformedDetail");
        });
        assertThat(aws.calls("EventBridge", "PutEvents")).isEqualTo(1);
    }

    @Test
    void shouldRetryTheWholeCallWhenEventBridgeThrottles() {
        // GIVEN two throttled calls (ThrottlingException, HTTP 400)
        List<Message> batch = messages("meta-status", "status-events", 6, 200, STATUS_CHANGED);
        aws.eventBridge().throttle(2);

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN the third call puts all six
        assertThat(result.failures()).isEmpty();
        assertThat(aws.eventBridge().calls()).extracting(c -> c.failure().map(e -> e.code()).orElse("ok"))
                .containsExactly("ThrottlingException", "ThrottlingException", "ok");
        assertThat(aws.eventBridge().accepted()).hasSize(6);
    }

    @Test
    void shouldRejectAnEventOver256KiBWithAReasonWithoutSendingIt() {
        // GIVEN a 256 KiB detail (over the limit once source and detail type count) next to a small one
        List<Message> batch = List.of(message("meta-status", "status-events", 0, body(0, 200), STATUS_CHANGED),
                message("meta-status", "status-events", 1, body(1, 256 * 1024), STATUS_CHANGED));

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo(batch.get(1));
            assertThat(f.failure().retryable()).isFalse();
            assertThat(f.failure().reason()).contains("EventBridge.PutEvents", "exceeds the limit");
        });
        assertThat(aws.eventBridge().received()).extracting(EventBridgeEntry::detail)
                .containsExactly(batch.get(0).body());
    }
}

package dev.streampipe.aws;

import static dev.streampipe.aws.WireFixture.body;
import static dev.streampipe.aws.WireFixture.message;
import static dev.streampipe.aws.WireFixture.messages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.aws.internal.Utf8;
import java.util.function.UnaryOperator;
import dev.streampipe.core.topology.SnsOptions;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.FifoOptions;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.SinkResult;
import dev.streampipe.testing.aws.LoopbackAws;
import dev.streampipe.testing.aws.LoopbackAwsExtension;
import dev.streampipe.testing.aws.MessageAttribute;
import dev.streampipe.testing.aws.RecordedCall;
import dev.streampipe.testing.aws.SnsEntry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sns.SnsClient;

/** {@link SnsSink} on the wire: PublishBatch over the query protocol against the loopback endpoint. */
class SnsSinkIT {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:session-handoffs";
    private static final UnaryOperator<Payload> ATTRIBUTES = p -> p.with(SnsOptions.attributes(
            Map.of("event_type", "handoff", "agent_id", "agent-0042", "reason", "escalated")));

    @RegisterExtension
    static final LoopbackAwsExtension LOOPBACK = new LoopbackAwsExtension();

    private final WireFixture fixture = new WireFixture();
    private LoopbackAws aws;
    private SnsClient client;
    private SnsSink sink;

    @BeforeEach
    void start() {
        aws = LOOPBACK.aws();
        client = aws.client(SnsClient.builder());
        sink = new SnsSink("handoffs", client, TOPIC, fixture.senders());
    }

    @AfterEach
    void stop() {
        client.close();
        fixture.close();
    }

    /** Message plus attribute names, types and values as received, the way SNS counts a batch's size. */
    private static long wireSize(SnsEntry e) {
        long n = Utf8.length(e.message());
        for (Map.Entry<String, MessageAttribute> a : e.messageAttributes().entrySet()) {
            n += Utf8.length(a.getKey()) + Utf8.length(a.getValue().dataType()) + Utf8.length(a.getValue().stringValue());
        }
        return n;
    }

    private static List<Integer> sortedSizes(List<RecordedCall<SnsEntry>> calls) {
        return calls.stream().map(c -> c.entries().size()).sorted((a, b) -> b - a).toList();
    }

    @Test
    void shouldPublishInBatchesOf10WithFilterableAttributesWhenGivenMoreThan10() {
        // GIVEN 23 handoff messages
        List<Message> batch = messages("handoff", "handoffs", 23, 300, ATTRIBUTES);

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN 10 + 10 + 3 PublishBatch calls to the topic, each entry with its String message attributes
        assertThat(result.failures()).isEmpty();
        assertThat(aws.calls("SNS", "PublishBatch")).isEqualTo(3);
        assertThat(sortedSizes(aws.sns().calls())).containsExactly(10, 10, 3);
        assertThat(aws.sns().received()).extracting(SnsEntry::message)
                .containsExactlyInAnyOrderElementsOf(batch.stream().map(Message::body).toList());
        assertThat(aws.sns().received()).allSatisfy(e -> {
            assertThat(e.topicArn()).isEqualTo(TOPIC);
            assertThat(e.attribute("event_type")).isEqualTo("handoff");
            assertThat(e.attribute("agent_id")).isEqualTo("agent-0042");
            assertThat(e.attribute("reason")).isEqualTo("escalated");
            assertThat(e.messageAttributes().get("event_type").dataType()).isEqualTo("String");
        });
        assertThat(aws.sns().calls()).allSatisfy(c ->
                assertThat(c.entries().stream().map(SnsEntry::id).distinct()).hasSize(c.entries().size()));
        assertThat(aws.unexpected()).isEmpty();
    }

    @Test
    void shouldSendSubjectAndFifoIdsWhenTheTopicIsFifoAndMessagesCarryThem() {
        // GIVEN a FIFO topic and three messages with a subject, a group and a de-duplication id each
        String fifoTopic = TOPIC + ".fifo";
        SnsSink fifoSink = new SnsSink("handoffs", client, fifoTopic, fixture.senders());
        List<Message> batch = messages("handoff", "handoffs", 3, 200, p -> p.with(SnsOptions
                        .attributes(Map.of("event_type", "handoff")).subject("Session s-0001 handed off"))
                .with(FifoOptions.group("s-0001").deduplicationId("dedupe-" + p.body().length())));

        // WHEN
        SinkResult result = fifoSink.deliver(batch, fixture.deadline());

        // THEN each entry carries Subject, MessageGroupId and MessageDeduplicationId next to its attribute
        assertThat(result.failures()).isEmpty();
        assertThat(aws.sns().received()).hasSize(3).allSatisfy(e -> {
            assertThat(e.topicArn()).isEqualTo(fifoTopic);
            assertThat(e.subject()).isEqualTo("Session s-0001 handed off");
            assertThat(e.messageGroupId()).isEqualTo("s-0001");
            assertThat(e.messageDeduplicationId()).isEqualTo("dedupe-200");
            assertThat(e.attribute("event_type")).isEqualTo("handoff");
        });
    }

    @Test
    void shouldSendNeitherSubjectNorFifoIdsWhenMessagesCarryOnlyAttributes() {
        // GIVEN a standard topic; one message with FIFO ids (a standard topic takes none), the rest with attributes only
        List<Message> batch = List.of(message("handoff", "handoffs", 0, body(0, 200), ATTRIBUTES),
                message("handoff", "handoffs", 1, body(1, 200),
                        p -> ATTRIBUTES.apply(p).with(FifoOptions.group("s-0001"))));

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN the wire is as before typed options: attributes only, no Subject, no FIFO ids
        assertThat(result.failures()).isEmpty();
        assertThat(aws.sns().received()).hasSize(2).allSatisfy(e -> {
            assertThat(e.subject()).isNull();
            assertThat(e.messageGroupId()).isNull();
            assertThat(e.messageDeduplicationId()).isNull();
            assertThat(e.messageAttributes()).containsOnlyKeys("event_type", "agent_id", "reason");
        });
    }

    @Test
    void shouldSplitAt256KiBWhenMessagesExceedTheCallSize() {
        // GIVEN five messages of 100 KiB: two fit in 256 KiB with their attributes, three do not
        List<Message> batch = messages("handoff", "handoffs", 5, 100 * 1024, ATTRIBUTES);

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN 2 + 2 + 1, each call within 256 KiB of messages and attributes
        assertThat(result.failures()).isEmpty();
        assertThat(sortedSizes(aws.sns().calls())).containsExactly(2, 2, 1);
        assertThat(aws.sns().calls()).allSatisfy(c -> assertThat(c.entries().stream()
                .mapToLong(SnsSinkIT::wireSize).sum()).isLessThanOrEqualTo(256 * 1024));
    }

    @Test
    void shouldRepublishOnlyFailedEntriesWhenSnsReportsSomeFailed() {
        // GIVEN ten messages, entries 4 and 7 fail once with a server fault
        List<Message> batch = messages("handoff", "handoffs", 10, 200, ATTRIBUTES);
        aws.sns().failEntriesAt(Set.of(4, 7), "InternalError", 1);

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN the second call republishes exactly those two
        assertThat(result.failures()).isEmpty();
        List<RecordedCall<SnsEntry>> calls = aws.sns().calls();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).entries()).extracting(SnsEntry::message)
                .containsExactly(batch.get(4).body(), batch.get(7).body());
        assertThat(aws.sns().accepted()).hasSize(10);
    }

    @Test
    void shouldNotRetryAnEntryWhenSnsBlamesTheSender() {
        // GIVEN entry 1 is rejected as invalid (SenderFault=true)
        List<Message> batch = messages("handoff", "handoffs", 3, 200, ATTRIBUTES);
        aws.sns().failEntriesAt(Set.of(1), "InvalidParameter", 1);

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN it is a permanent failure with SNS's code, and no second call is made
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo(batch.get(1));
            assertThat(f.failure().retryable()).isFalse();
            assertThat(f.failure().reason()).startsWith("InvalidParameter");
        });
        assertThat(aws.calls("SNS", "PublishBatch")).isEqualTo(1);
    }

    @Test
    void shouldRetryTheWholeCallWhenSnsThrottles() {
        // GIVEN the first call is throttled
        List<Message> batch = messages("handoff", "handoffs", 4, 200, ATTRIBUTES);
        aws.sns().throttle(1);

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN the retry publishes all four
        assertThat(result.failures()).isEmpty();
        assertThat(aws.sns().calls()).extracting(c -> c.failure().map(e -> e.code()).orElse("ok"))
                .containsExactly("Throttling", "ok");
        assertThat(aws.sns().accepted()).hasSize(4);
    }

    @Test
    void shouldRejectAMessageOver256KiBWithAReasonWithoutPublishingIt() {
        // GIVEN a 257 KiB message next to a small one
        List<Message> batch = List.of(message("handoff", "handoffs", 0, body(0, 257 * 1024), ATTRIBUTES),
                message("handoff", "handoffs", 1, body(1, 200), ATTRIBUTES));

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN it fails permanently naming the limit; the small one is published
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo(batch.get(0));
            assertThat(f.failure().retryable()).isFalse();
            assertThat(f.failure().reason()).contains("SNS.PublishBatch", "exceeds the limit of 262144 bytes");
        });
        assertThat(aws.sns().received()).extracting(SnsEntry::message).containsExactly(batch.get(1).body());
    }
}

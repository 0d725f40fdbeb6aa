package dev.streampipe.aws;

import static dev.streampipe.aws.WireFixture.sequenceNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.aws.internal.Utf8;
import dev.streampipe.core.batch.DeadLetter;
import dev.streampipe.core.batch.RetryableSinkException;
import dev.streampipe.core.decode.RawRecord;
import dev.streampipe.testing.aws.LoopbackAws;
import dev.streampipe.testing.aws.LoopbackAwsExtension;
import dev.streampipe.testing.aws.RecordedCall;
import dev.streampipe.testing.aws.ServiceStub;
import dev.streampipe.testing.aws.SqsEntry;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link SqsDeadLetterSink} on the wire: SendMessageBatch over AWS JSON 1.0 against the loopback endpoint. */
class SqsDeadLetterSinkIT {
    private static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/router-dead-letters";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LoopbackAwsExtension LOOPBACK = new LoopbackAwsExtension();

    private final WireFixture fixture = new WireFixture();
    private LoopbackAws aws;
    private SqsClient client;
    private SqsDeadLetterSink sink;

    @BeforeEach
    void start() {
        aws = LOOPBACK.aws();
        client = aws.client(SqsClient.builder());
        sink = new SqsDeadLetterSink(client, QUEUE, fixture.senders());
    }

    @AfterEach
    void stop() {
        client.close();
        fixture.close();
    }

    private static String rawRecord(int i, String padding) {
        return "{\"eventID\":\"ev-" + i + "\",\"eventName\":\"MODIFY\",\"dynamodb\":{\"SequenceNumber\":\""
                + sequenceNumber(i) + "\",\"note\":\"" + padding + "\"}}";
    }

    private static DeadLetter letter(int i, String padding) {
        return new DeadLetter(i, "ev-" + i, sequenceNumber(i), null, "undecodable: record " + i + " has no Keys",
                RawRecord.of(rawRecord(i, padding)));
    }

    private static List<DeadLetter> letters(int count) {
        return IntStream.range(0, count).mapToObj(i -> letter(i, "p")).toList();
    }

    @Test
    void shouldSendOneMessagePerLetterWithRawRecordAndReasonInBatchesOf10() throws Exception {
        // GIVEN 12 poison records
        List<DeadLetter> letters = letters(12);

        // WHEN
        sink.deadLetter(letters, fixture.deadline());

        // THEN 10 + 2 SendMessageBatch calls to the queue; each body names the reason and embeds the record verbatim
        assertThat(aws.sqs().calls("SendMessageBatch")).extracting(c -> c.entries().size())
                .containsExactlyInAnyOrder(10, 2);
        List<SqsEntry> received = aws.sqs().received();
        assertThat(received).allSatisfy(e -> assertThat(e.queueUrl()).isEqualTo(QUEUE));
        for (DeadLetter l : letters) {
            JsonNode body = received.stream().map(e -> read(e.messageBody()))
                    .filter(b -> b.get("eventId").asText().equals(l.eventIdOrNull())).findFirst().orElseThrow();
            assertThat(body.get("reason").asText()).isEqualTo(l.reason());
            assertThat(body.get("sequenceNumber").asText()).isEqualTo(l.sequenceNumberOrNull());
            assertThat(body.get("truncated").asBoolean()).isFalse();
            assertThat(body.get("record")).isEqualTo(JSON.readTree(l.raw().json()));
        }
        assertThat(aws.unexpected()).isEmpty();
    }

    @Test
    void shouldGroupByRouteAndDeduplicateByEffectKeyWhenTheQueueIsFifo() {
        // GIVEN a FIFO dead-letter queue; a letter rejected by a route and one that could not be decoded
        String fifoQueue = QUEUE + ".fifo";
        SqsDeadLetterSink fifoSink = new SqsDeadLetterSink(client, fifoQueue, fixture.senders());
        DeadLetter rejected = new DeadLetter(0, "ev-0", sequenceNumber(0), "page-handoff", "handoff has no agent",
                RawRecord.of(rawRecord(0, "p")));
        DeadLetter undecodable = letter(1, "p");

        // WHEN
        fifoSink.deadLetter(List.of(rejected, undecodable), fixture.deadline());

        // THEN the route's letter is grouped by route with the effect key; the other under "undecodable"
        assertThat(aws.sqs().received()).extracting(SqsEntry::queueUrl).containsOnly(fifoQueue);
        assertThat(aws.sqs().received()).extracting(SqsEntry::messageGroupId, SqsEntry::messageDeduplicationId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("page-handoff", "ev-0#page-handoff"),
                        org.assertj.core.groups.Tuple.tuple("undecodable", "ev-1#undecodable"));
    }

    @Test
    void shouldSendNoFifoIdsWhenTheQueueIsStandard() {
        // WHEN three letters go to a standard queue
        sink.deadLetter(letters(3), fixture.deadline());

        // THEN no entry carries a group or de-duplication id
        assertThat(aws.sqs().received()).hasSize(3).allSatisfy(e -> {
            assertThat(e.messageGroupId()).isNull();
            assertThat(e.messageDeduplicationId()).isNull();
        });
    }

    @Test
    void shouldResendOnlyFailedLettersWhenSqsReportsSomeFailed() {
        // GIVEN five letters, the second fails once
        List<DeadLetter> letters = letters(5);
        aws.sqs().failEntriesAt(Set.of(1), "InternalError", 1);

        // WHEN
        sink.deadLetter(letters, fixture.deadline());

        // THEN the second call carries that one letter only
        List<RecordedCall<SqsEntry>> calls = aws.sqs().calls();
        assertThat(calls).extracting(c -> c.entries().size()).containsExactly(5, 1);
        assertThat(read(calls.get(1).entries().get(0).messageBody()).get("eventId").asText()).isEqualTo("ev-1");
        assertThat(aws.sqs().accepted()).hasSize(5);
    }

    @Test
    void shouldThrowRetryableWhenALetterCannotBeStoredEvenAfterRetries() {
        // GIVEN letter 2 is refused every time, even as a sender fault
        List<DeadLetter> letters = letters(3);
        aws.sqs().failEntriesMatching(e -> e.messageBody().contains("\"ev-2\""), "InvalidMessageContents",
                ServiceStub.ALWAYS);

        // WHEN / THEN the sink refuses to drop it: the engine will retry the record
        assertThatThrownBy(() -> sink.deadLetter(letters, fixture.deadline()))
                .isInstanceOf(RetryableSinkException.class)
                .hasMessageContaining("1 of 3 dead letters not stored")
                .hasMessageContaining("InvalidMessageContents");
        assertThat(aws.sqs().calls()).hasSize(WireFixture.POLICY.maxAttempts());
    }

    @Test
    void shouldTruncateARawRecordTooLargeForOneMessageAndMarkIt() {
        // GIVEN a 300 KiB raw record
        DeadLetter big = letter(0, "y".repeat(300 * 1024));

        // WHEN
        sink.deadLetter(List.of(big), fixture.deadline());

        // THEN one message within 256 KiB, marked truncated, still naming the record
        SqsEntry sent = aws.sqs().received().get(0);
        assertThat(Utf8.length(sent.messageBody())).isLessThanOrEqualTo(256 * 1024);
        JsonNode body = read(sent.messageBody());
        assertThat(body.get("truncated").asBoolean()).isTrue();
        assertThat(body.get("eventId").asText()).isEqualTo("ev-0");
        assertThat(body.get("sequenceNumber").asText()).isEqualTo(sequenceNumber(0));
        assertThat(big.raw().json()).startsWith(body.get("recordText").asText());
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dev.streampipe.aws;

import static dev.streampipe.aws.WireFixture.body;
import static dev.streampipe.aws.WireFixture.message;
import static dev.streampipe.aws.WireFixture.messages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.SinkResult;
import dev.streampipe.testing.aws.FirehoseRecord;
import dev.streampipe.testing.aws.LoopbackAws;
import dev.streampipe.testing.aws.LoopbackAwsExtension;
import dev.streampipe.testing.aws.RecordedCall;
import dev.streampipe.testing.aws.ServiceStub;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/** {@link FirehoseSink} on the wire: the real SDK client against the loopback endpoint. */
class FirehoseSinkIT {
    private static final String STREAM = "session-analytics";
    private static final long FOUR_MIB = 4L * 1024 * 1024;

    @RegisterExtension
    static final LoopbackAwsExtension LOOPBACK = new LoopbackAwsExtension();

    private final WireFixture fixture = new WireFixture();
    private LoopbackAws aws;
    private FirehoseClient client;
    private FirehoseSink sink;

    @BeforeEach
    void start() {
        aws = LOOPBACK.aws();
        client = aws.client(FirehoseClient.builder());
        sink = new FirehoseSink("analytics", client, STREAM, fixture.senders());
    }

    @AfterEach
    void stop() {
        client.close();
        fixture.close();
    }

    private static List<Integer> sortedSizes(List<RecordedCall<FirehoseRecord>> calls) {
        return calls.stream().map(c -> c.entries().size()).sorted((a, b) -> b - a).toList();
    }

    @Test
    void shouldSendNdjsonInChunksOf500WhenBatchHasMoreThan500Records() {
        // GIVEN 1,201 small analytics messages
        List<Message> batch = messages("analytics", "analytics", 1_201, 200, WireFixture.NO_OPTIONS);

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN three PutRecordBatch calls of 500, 500 and 201, each record one NDJSON line, nothing sent twice
        assertThat(result.failures()).isEmpty();
        assertThat(aws.calls("Firehose", "PutRecordBatch")).isEqualTo(3);
        assertThat(sortedSizes(aws.firehose().calls())).containsExactly(500, 500, 201);
        assertThat(aws.firehose().received()).allSatisfy(r -> assertThat(r.deliveryStreamName()).isEqualTo(STREAM));
        assertThat(aws.firehose().received()).extracting(FirehoseRecord::text)
                .containsExactlyInAnyOrderElementsOf(batch.stream().map(m -> m.body() + "\n").toList());
        assertThat(aws.unexpected()).isEmpty();
    }

    @Test
    void shouldSplitAt4MiBWhenRecordsExceedTheCallSize() {
        // GIVEN ten records of 900 KiB: four fit in 4 MiB, five do not
        List<Message> batch = messages("analytics", "analytics", 10, 900 * 1024, WireFixture.NO_OPTIONS);

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN 4 + 4 + 2, and no call carries more than 4 MiB of record data
        assertThat(result.failures()).isEmpty();
        assertThat(sortedSizes(aws.firehose().calls())).containsExactly(4, 4, 2);
        assertThat(aws.firehose().calls()).allSatisfy(c -> assertThat(
                c.entries().stream().mapToLong(r -> r.data().length).sum()).isLessThanOrEqualTo(FOUR_MIB));
        assertThat(aws.firehose().received()).hasSize(10);
    }

    @Test
    void shouldResendOnlyFailedRecordsWhenFirehoseReportsSomeFailed() {
        // GIVEN 20 records, of which positions 2, 5 and 11 fail once
        List<Message> batch = messages("analytics", "analytics", 20, 100, WireFixture.NO_OPTIONS);
        aws.firehose().failEntriesAt(Set.of(2, 5, 11), "ServiceUnavailableException", 1);

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN the second call carries exactly those three records, and all 20 are in
        assertThat(result.failures()).isEmpty();
        List<RecordedCall<FirehoseRecord>> calls = aws.firehose().calls();
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).entries()).hasSize(20);
        assertThat(calls.get(1).entries()).extracting(FirehoseRecord::text).containsExactly(
                batch.get(2).body() + "\n", batch.get(5).body() + "\n", batch.get(11).body() + "\n");
        assertThat(aws.firehose().accepted()).hasSize(20);
        assertThat(fixture.sleeper.sleeps()).isEqualTo(1);
    }

    @Test
    void shouldRejectRecordOverThePerRecordLimitWithAReasonAndSendTheRest() {
        // GIVEN a record of 1,000 KiB (plus its newline: one byte over) between two small ones
        List<Message> batch = List.of(message("analytics", "analytics", 0, body(0, 100), WireFixture.NO_OPTIONS),
                message("analytics", "analytics", 1, body(1, 1_000 * 1024), WireFixture.NO_OPTIONS),
                message("analytics", "analytics", 2, body(2, 100), WireFixture.NO_OPTIONS));

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN it fails permanently (so the engine dead-letters it), and only the other two are sent
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo(batch.get(1));
            assertThat(f.failure().retryable()).isFalse();
            assertThat(f.failure().reason()).contains("Firehose.PutRecordBatch", "1024001 bytes", "1024000");
        });
        assertThat(aws.firehose().received()).extracting(FirehoseRecord::text)
                .containsExactly(batch.get(0).body() + "\n", batch.get(2).body() + "\n");
    }

    @Test
    void shouldRetryTheWholeCallWhenFirehoseThrottles() {
        // GIVEN the first two calls are throttled (ServiceUnavailableException, HTTP 500)
        List<Message> batch = messages("analytics", "analytics", 30, 100, WireFixture.NO_OPTIONS);
        aws.firehose().throttle(2);

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN the third call goes through with all 30 records
        assertThat(result.failures()).isEmpty();
        assertThat(aws.firehose().calls()).extracting(c -> c.failure().isPresent()).containsExactly(true, true, false);
        assertThat(aws.firehose().accepted()).hasSize(30);
        assertThat(fixture.sleeper.sleeps()).isEqualTo(2);
    }

    @Test
    void shouldReportRetryableFailureWhenRecordsKeepFailingAfterAllAttempts() {
        // GIVEN record 3 fails every time
        List<Message> batch = messages("analytics", "analytics", 5, 100, WireFixture.NO_OPTIONS);
        String doomed = batch.get(3).body() + "\n";
        aws.firehose().failEntriesMatching(r -> r.text().equals(doomed), "InternalFailure", ServiceStub.ALWAYS);

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN it was tried maxAttempts times, alone after the first, and is reported retryable
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.message()).isEqualTo(batch.get(3));
            assertThat(f.failure().retryable()).isTrue();
            assertThat(f.failure().reason()).contains("InternalFailure", "gave up after 5 attempts");
        });
        assertThat(aws.firehose().calls()).extracting(c -> c.entries().size()).containsExactly(5, 1, 1, 1, 1);
    }

    @Test
    void shouldPackTheLinesOfOneKeyIntoOneRecordInOrderWhenABatchRepeatsKeys() {
        // GIVEN 9 messages of three keys, interleaved
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            batch.add(WireFixture.keyed(message("analytics", "analytics", i, body(i, 40), WireFixture.NO_OPTIONS),
                    "PK=SESSION#" + (i % 3)));
        }

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN one call of three records, each a key's three lines in batch order
        assertThat(result.failures()).isEmpty();
        assertThat(aws.firehose().calls()).singleElement().satisfies(c -> assertThat(c.entries()).hasSize(3));
        assertThat(aws.firehose().received()).extracting(FirehoseRecord::text).containsExactly(
                body(0, 40) + "\n" + body(3, 40) + "\n" + body(6, 40) + "\n",
                body(1, 40) + "\n" + body(4, 40) + "\n" + body(7, 40) + "\n",
                body(2, 40) + "\n" + body(5, 40) + "\n" + body(8, 40) + "\n");
        assertThat(aws.firehose().receivedLines()).hasSize(9);
    }

    @Test
    void shouldFailAKeysLinesTogetherAndHoldBackItsNextRecordWhenItsFirstRecordKeepsFailing() {
        // GIVEN one key whose four 400 KiB lines need two records (1,000 KiB each at most), and another key; the
        // first record of the big key fails on every attempt
        List<Message> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batch.add(WireFixture.keyed(message("analytics", "analytics", i, body(i, 400 * 1024),
                    WireFixture.NO_OPTIONS), "PK=big"));
        }
        batch.add(WireFixture.keyed(message("analytics", "analytics", 4, body(4, 50), WireFixture.NO_OPTIONS),
                "PK=small"));
        aws.firehose().failEntriesMatching(r -> r.text().startsWith(body(0, 400 * 1024)), "ServiceUnavailableException",
                ServiceStub.ALWAYS);

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN the big key's four lines fail retryably (the second record, lines 2 and 3, was never sent: held
        // back), the small key went through, and no line of the big key landed
        assertThat(result.failures()).extracting(f -> f.message().eventId())
                .containsExactlyInAnyOrder("ev-0", "ev-1", "ev-2", "ev-3");
        assertThat(result.failures()).allSatisfy(f -> assertThat(f.failure().retryable()).isTrue());
        assertThat(result.failures()).filteredOn(f -> f.message().eventId().equals("ev-2"))
                .singleElement().satisfies(f -> assertThat(f.failure().reason()).startsWith("held back"));
        assertThat(aws.firehose().acceptedLines()).containsExactly(body(4, 50));
        assertThat(aws.firehose().received()).allSatisfy(r -> assertThat(r.lines()).hasSizeLessThanOrEqualTo(2));
        assertThat(aws.firehose().received()).noneMatch(r -> r.text().startsWith(body(2, 400 * 1024)));
    }

    @Test
    void shouldRejectALineOverTheRecordLimitPermanentlyAndPackTheKeysOtherLines() {
        // GIVEN a key with a line of 1,001 KiB between two small ones
        List<Message> batch = new ArrayList<>();
        batch.add(WireFixture.keyed(message("analytics", "analytics", 0, body(0, 60), WireFixture.NO_OPTIONS), "k"));
        batch.add(WireFixture.keyed(message("analytics", "analytics", 1, body(1, 1_001 * 1024),
                WireFixture.NO_OPTIONS), "k"));
        batch.add(WireFixture.keyed(message("analytics", "analytics", 2, body(2, 60), WireFixture.NO_OPTIONS), "k"));

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN the big one is permanent with its size named; the other two land in one record
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.message().eventId()).isEqualTo("ev-1");
            assertThat(f.failure().retryable()).isFalse();
            assertThat(f.failure().reason()).contains(Long.toString(1_001 * 1024 + 1), "1024000");
        });
        assertThat(aws.firehose().received()).singleElement().satisfies(r ->
                assertThat(r.lines()).containsExactly(body(0, 60), body(2, 60)));
    }
}

package dev.streampipe.aws;

import static dev.streampipe.aws.WireFixture.messages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.SinkResult;
import dev.streampipe.testing.aws.LoopbackAws;
import dev.streampipe.testing.aws.LoopbackAwsExtension;
import dev.streampipe.testing.aws.ServiceStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * Retries end before the invocation's time does: the deadline runs on a manual clock that only the sleeper moves,
 * so these tests never sleep.
 */
class RetryDeadlineIT {
    /** Many attempts allowed, long waits, a one-second margin: the deadline, not the count, must stop the retries. */
    private static final RetryPolicy PATIENT =
            new RetryPolicy(20, Duration.ofMillis(400), Duration.ofSeconds(3), Duration.ofSeconds(1));

    @RegisterExtension
    static final LoopbackAwsExtension LOOPBACK = new LoopbackAwsExtension();

    private final WireFixture fixture = new WireFixture();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void shouldStopRetryingBeforeTheRemainingTimeRunsOutWhenThrottledWithoutEnd() {
        // GIVEN Firehose throttles every call, and the invocation has 6 s left
        LoopbackAws aws = LOOPBACK.aws();
        aws.firehose().throttle(ServiceStub.ALWAYS);
        Instant start = fixture.clock.instant();
        Instant end = start.plus(Duration.ofSeconds(6));
        Deadline deadline = Deadline.at(end, fixture.clock);
        List<Message> batch = messages("analytics", "analytics", 3, 100, WireFixture.NO_OPTIONS);

        SinkResult result;
        try (FirehoseClient client = aws.client(FirehoseClient.builder())) {
            FirehoseSink sink = new FirehoseSink("analytics", client, "s", fixture.senders(PATIENT));

            // WHEN
            result = sink.deliver(batch, deadline);
        }

        // THEN it gave up with time to spare (at least the margin), well before 20 attempts, one call per attempt
        int calls = aws.calls("Firehose", "PutRecordBatch");
        assertThat(calls).isBetween(2, PATIENT.maxAttempts() - 1);
        assertThat(fixture.sleeper.sleeps()).isEqualTo(calls - 1);
        assertThat(fixture.clock.instant()).isBefore(end.minus(PATIENT.safetyMargin()));
        assertThat(Duration.between(start, fixture.clock.instant())).isEqualTo(fixture.sleeper.slept());
        assertThat(result.failures()).hasSize(3).allSatisfy(f -> {
            assertThat(f.failure().retryable()).isTrue();
            assertThat(f.failure().reason()).contains("ServiceUnavailableException", "gave up after " + calls + " attempts");
        });
    }

    @Test
    void shouldMakeOneAttemptAndNoRetryWhenLessThanTheMarginIsLeft() {
        // GIVEN an entry fails once, but only 900 ms are left (under the 1 s margin)
        LoopbackAws aws = LOOPBACK.aws();
        aws.firehose().throttle(1);
        Deadline deadline = fixture.deadline(Duration.ofMillis(900));
        List<Message> batch = messages("analytics", "analytics", 1, 100, WireFixture.NO_OPTIONS);

        SinkResult result;
        try (FirehoseClient client = aws.client(FirehoseClient.builder())) {
            result = new FirehoseSink("analytics", client, "s", fixture.senders(PATIENT)).deliver(batch, deadline);
        }

        // THEN no wait, no second call: the record is reported for redelivery instead
        assertThat(aws.calls("Firehose", "PutRecordBatch")).isEqualTo(1);
        assertThat(fixture.sleeper.sleeps()).isZero();
        assertThat(result.failures()).singleElement().satisfies(f -> assertThat(f.failure().retryable()).isTrue());
    }
}

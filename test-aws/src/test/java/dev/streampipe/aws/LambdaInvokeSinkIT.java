package dev.streampipe.aws;

import static dev.streampipe.aws.WireFixture.message;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.SinkResult;
import dev.streampipe.testing.aws.LambdaInvocation;
import dev.streampipe.testing.aws.LoopbackAws;
import dev.streampipe.testing.aws.LoopbackAwsExtension;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** {@link LambdaInvokeSink} on the wire: asynchronous Invoke over REST-JSON against the loopback endpoint. */
class LambdaInvokeSinkIT {
    private static final String FUNCTION = "streampipe-summary";

    @RegisterExtension
    static final LoopbackAwsExtension LOOPBACK = new LoopbackAwsExtension();

    private final WireFixture fixture = new WireFixture();
    private LoopbackAws aws;
    private LambdaClient client;
    private LambdaInvokeSink sink;

    @BeforeEach
    void start() {
        aws = LOOPBACK.aws();
        client = aws.client(LambdaClient.builder());
        sink = new LambdaInvokeSink("summary-trigger", client, FUNCTION, fixture.senders());
    }

    @AfterEach
    void stop() {
        client.close();
        fixture.close();
    }

    private static List<Message> triggers(int count) {
        return IntStream.range(0, count).mapToObj(i -> message("turn", "summary-trigger", i,
                "{\"sessionId\":\"s-" + i + "\",\"window\":" + (i + 1) + "}", WireFixture.NO_OPTIONS)).toList();
    }

    @Test
    void shouldInvokeAsynchronouslyOncePerMessageWithTheBodyAsPayload() {
        // GIVEN three summary triggers
        List<Message> batch = triggers(3);

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN three Invoke calls of type Event on the function, payloads exactly the bodies
        assertThat(result.failures()).isEmpty();
        assertThat(aws.calls("Lambda", "Invoke")).isEqualTo(3);
        assertThat(aws.lambda().received()).allSatisfy(i -> {
            assertThat(i.functionName()).isEqualTo(FUNCTION);
            assertThat(i.invocationType()).isEqualTo("Event");
        });
        assertThat(aws.lambda().received()).extracting(LambdaInvocation::payloadText)
                .containsExactlyInAnyOrderElementsOf(batch.stream().map(Message::body).toList());
        assertThat(aws.unexpected()).isEmpty();
    }

    @Test
    void shouldRetryWhenLambdaThrottles() {
        // GIVEN the first two calls answer TooManyRequestsException (HTTP 429)
        List<Message> batch = triggers(3);
        aws.lambda().throttle(2);

        // WHEN
        SinkResult result = sink.deliver(batch, fixture.deadline());

        // THEN the two throttled payloads are invoked again: five calls, each payload accepted once
        assertThat(result.failures()).isEmpty();
        assertThat(aws.calls("Lambda", "Invoke")).isEqualTo(5);
        assertThat(aws.lambda().accepted()).extracting(LambdaInvocation::payloadText)
                .containsExactlyInAnyOrderElementsOf(batch.stream().map(Message::body).toList());
    }

    @Test
    void shouldRejectAPayloadOver256KiBWithoutInvoking() {
        // GIVEN a payload of 256 KiB + 1 byte
        Message huge = message("turn", "summary-trigger", 0, WireFixture.body(0, 256 * 1024 + 1), WireFixture.NO_OPTIONS);

        // WHEN
        SinkResult result = sink.deliver(List.of(huge), fixture.deadline());

        // THEN a permanent failure naming the limit, no call
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.failure().retryable()).isFalse();
            assertThat(f.failure().reason()).contains("Lambda.Invoke", "262145 bytes");
        });
        assertThat(aws.lambda().calls()).isEmpty();
    }

    @Test
    void shouldInvokeOnceWithEveryMessageInOneEnvelopeWhenBatched() {
        // GIVEN the batched shape and fifty summary triggers
        LambdaInvokeSink batched = LambdaInvokeSink.batched("summary-trigger", client, FUNCTION, fixture.senders(),
                "windows");
        List<Message> batch = triggers(50);

        // WHEN
        SinkResult result = batched.deliver(batch, fixture.deadline());

        // THEN one Invoke of type Event whose payload is {"windows":[body,...]} in message order
        assertThat(result.failures()).isEmpty();
        assertThat(aws.calls("Lambda", "Invoke")).isEqualTo(1);
        assertThat(aws.lambda().received()).singleElement().satisfies(i -> {
            assertThat(i.invocationType()).isEqualTo("Event");
            assertThat(i.payloadText()).isEqualTo("{\"windows\":["
                    + String.join(",", batch.stream().map(Message::body).toList()) + "]}");
        });
    }

    @Test
    void shouldSplitOnlyPastOneMebibyteAndKeepEveryPayloadWithinItWhenBatched() {
        // GIVEN twelve bodies of 100 KiB: 1.2 MiB in all, more than one payload takes
        LambdaInvokeSink batched = LambdaInvokeSink.batched("summary-trigger", client, FUNCTION, fixture.senders(),
                "windows");
        List<Message> batch = WireFixture.messages("turn", "summary-trigger", 12, 100 * 1024, WireFixture.NO_OPTIONS);

        // WHEN
        SinkResult result = batched.deliver(batch, fixture.deadline());

        // THEN two calls, each payload at most 1 MiB, every body in exactly one of them
        assertThat(result.failures()).isEmpty();
        assertThat(aws.calls("Lambda", "Invoke")).isEqualTo(2);
        assertThat(aws.lambda().received()).allSatisfy(i ->
                assertThat(i.payloadText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                        .isLessThanOrEqualTo(1024 * 1024));
        assertThat(aws.lambda().received().stream().mapToLong(i -> i.payloadText().split("\"pad\"", -1).length - 1)
                .sum()).isEqualTo(12);
    }

    @Test
    void shouldRetryTheWholePayloadWhenLambdaThrottlesABatchedInvoke() {
        // GIVEN the batched shape, three triggers, and the first call throttled
        LambdaInvokeSink batched = LambdaInvokeSink.batched("summary-trigger", client, FUNCTION, fixture.senders(),
                "windows");
        List<Message> batch = triggers(3);
        aws.lambda().throttle(1);

        // WHEN
        SinkResult result = batched.deliver(batch, fixture.deadline());

        // THEN the same payload is sent again and accepted once
        assertThat(result.failures()).isEmpty();
        assertThat(aws.calls("Lambda", "Invoke")).isEqualTo(2);
        assertThat(aws.lambda().accepted()).singleElement().extracting(LambdaInvocation::payloadText)
                .isEqualTo("{\"windows\":[" + String.join(",", batch.stream().map(Message::body).toList()) + "]}");
    }

    @Test
    void shouldRefuseAnEnvelopeFieldThatIsNotAPlainIdentifier() {
        // WHEN / THEN
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LambdaInvokeSink.batched("summary-trigger", client,
                FUNCTION, fixture.senders(), "win\"dows")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("win\"dows");
    }
}

package dev.streampipe.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.Sleeper;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** {@link AwsClients}: which client is built when, and what a missing one says. No network: the clients are fakes. */
class AwsClientsTest {
    private static final String QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/router-dead-letters";

    /** Records the requests it is sent and the closes. */
    private static final class FakeSqs implements SqsClient {
        final List<SendMessageBatchRequest> sent = new ArrayList<>();
        int closed;

        @Override
        public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
            sent.add(request);
            return SendMessageBatchResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
            closed++;
        }
    }

    private static <T> Supplier<T> unused(String name) {
        return () -> {
            throw new AssertionError(name + " client built, but nothing used it");
        };
    }

    private static AwsClients builtWithSqs(Supplier<SqsClient> sqs) {
        return AwsClients.built(unused("firehose"), unused("sns"), unused("eventBridge"), unused("lambda"), sqs,
                unused("dynamoDb"));
    }

    @Test
    void shouldBuildTheDeadLetterClientOnTheFirstSendOnlyWhenClientsAreBuiltHere() {
        // GIVEN clients built here, counting the SQS client builds
        FakeSqs real = new FakeSqs();
        AtomicInteger builds = new AtomicInteger();
        AwsClients clients = builtWithSqs(() -> {
            builds.incrementAndGet();
            return real;
        });

        // WHEN a dead-letter sink takes its client
        SqsClient deadLetters = clients.deadLetterSqs();

        // THEN nothing is built yet; the first send builds it once, and every send reaches it
        assertThat(builds).hasValue(0);
        deadLetters.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(QUEUE).build());
        deadLetters.sendMessageBatch(b -> b.queueUrl(QUEUE));
        assertThat(builds).hasValue(1);
        assertThat(real.sent).extracting(SendMessageBatchRequest::queueUrl).containsExactly(QUEUE, QUEUE);
        assertThat(deadLetters.serviceName()).isEqualTo(SqsClient.SERVICE_NAME);
    }

    @Test
    void shouldCloseTheDeadLetterClientWithTheOthersWhenItWasBuilt() {
        // GIVEN a dead-letter client that sent once
        FakeSqs real = new FakeSqs();
        AwsClients clients = builtWithSqs(() -> real);
        SqsClient deadLetters = clients.deadLetterSqs();
        deadLetters.sendMessageBatch(b -> b.queueUrl(QUEUE));

        // WHEN the sink side closes its handle, then the clients close
        deadLetters.close();
        int afterHandleClose = real.closed;
        clients.close();

        // THEN only closing the clients closes the real one
        assertThat(afterHandleClose).isZero();
        assertThat(real.closed).isEqualTo(1);
    }

    @Test
    void shouldNeverBuildTheDeadLetterClientWhenNoDeadLetterIsSent() {
        // GIVEN clients built here whose SQS client must not be built
        AwsClients clients = builtWithSqs(unused("sqs"));

        // WHEN a dead-letter sink takes its client and the clients close
        clients.deadLetterSqs();

        // THEN closing builds nothing either
        clients.close();
    }

    @Test
    void shouldHandOverTheGivenClientAndFailAtOnceWhenNoneWasGiven() {
        // GIVEN given clients, one with an SQS client and one without
        FakeSqs given = new FakeSqs();
        AwsClients with = AwsClients.builder().sqs(given).build();
        AwsClients without = AwsClients.builder().build();

        // THEN the given client itself, and a missing one fails when the sink is made, naming it and its setter
        assertThat(with.deadLetterSqs()).isSameAs(given);
        assertThatThrownBy(without::deadLetterSqs).isInstanceOf(IllegalStateException.class)
                .hasMessage("no SQS client was given: add .sqs(client) to AwsClients.builder()");
    }

    @Test
    void shouldNameTheClientAndTheSinkWhenASinkNeedsAClientThatWasNotGiven() {
        // GIVEN an environment whose clients are an SQS client only
        AwsClients clients = AwsClients.builder().sqs(new FakeSqs()).build();
        StreamEnvironment env = StreamEnvironment.of(Map.of("DEAD_LETTER_QUEUE_URL", QUEUE), clients,
                Clock.systemUTC(), Sleeper.REAL, RetryPolicy.DEFAULT, line -> { });

        // WHEN sinks needing other clients are made / THEN each failure names the client, the sink and the fix
        assertThatThrownBy(() -> env.sinks().firehose("analytics", "orders-analytics"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("sink 'analytics' (AwsSinks.firehose) needs the Firehose client, but none was given:"
                        + " add .firehose(client) to AwsClients.builder()");
        assertThatThrownBy(() -> env.sinks().lambdaBatched("summaries", "summarize", "records"))
                .hasMessageContaining("sink 'summaries' (AwsSinks.lambdaBatched) needs the Lambda client")
                .hasMessageContaining(".lambda(client)");
        assertThatThrownBy(() -> env.sinks().dynamoDbLedger("effect-ledger", Duration.ofHours(48)))
                .hasMessageContaining("the effect ledger on table effect-ledger")
                .hasMessageContaining("LEDGER_TABLE_NAME")
                .hasMessageContaining("needs the DynamoDB client, but none was given: add .dynamoDb(client)");
        assertThat(env.sinks().log("audit").name()).isEqualTo("audit"); // needs no client
    }

    @Test
    void shouldNameTheDeadLetterQueueWhenTheRuntimeHasNoSqsClient() {
        // GIVEN clients without SQS
        AwsClients clients = AwsClients.builder().firehose(new FakeFirehose()).build();
        StreamEnvironment env = StreamEnvironment.of(Map.of("DEAD_LETTER_QUEUE_URL", QUEUE), clients,
                Clock.systemUTC(), Sleeper.REAL, RetryPolicy.DEFAULT, line -> { });

        // WHEN the runtime is started / THEN it fails naming SQS and the dead-letter queue setting
        assertThatThrownBy(() -> env.runtime(Topology.builder()
                .multicast(Route.named("all").to("audit").mapping(r -> Optional.of(Payload.of("{}"))))
                .build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("dead letters to " + QUEUE + " (AwsSinks.sqsDeadLetters; the runtime's go to"
                        + " DEAD_LETTER_QUEUE_URL) needs the SQS client, but none was given: add .sqs(client) to"
                        + " AwsClients.builder()");
    }

    @Test
    void shouldRefuseANullClientWhenGivenByName() {
        assertThatThrownBy(() -> AwsClients.builder().sns(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("sns");
    }

    @Test
    void shouldFailNamingAwsRegionWhenItIsMissingOrBlank() {
        // GIVEN environments without a region, and with a blank one
        Map<String, String> missing = Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders");
        Map<String, String> blank = Map.of("AWS_REGION", "  ");

        // WHEN / THEN the clients are not made, and the message names the variable and what to do
        assertThatThrownBy(() -> AwsClients.fromEnvironment(missing)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("environment variable AWS_REGION is required: the region of the function's"
                        + " AWS clients, was not set")
                .hasMessageContaining("AwsClients.builder()");
        assertThatThrownBy(() -> AwsClients.fromEnvironment(blank)).hasMessageContaining("AWS_REGION")
                .hasMessageContaining("was blank");
    }

    @Test
    void shouldBuildClientsInTheGivenRegionWhenAwsRegionIsSet() {
        // GIVEN a region and static credentials in the environment
        try (AwsClients clients = AwsClients.fromEnvironment(Map.of("AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "a", "AWS_SECRET_ACCESS_KEY", "b"))) {
            // WHEN a client is built (no call is made)
            // THEN it is in that region, not a default one
            assertThat(clients.sqs().serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
        }
    }

    /** A Firehose client no test calls. */
    private static final class FakeFirehose implements FirehoseClient {
        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }
}

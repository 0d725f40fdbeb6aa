package dev.streampipe.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** {@link AwsClients}: which client is built when. No network: the clients are fakes. */
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
        AwsClients with = AwsClients.of(null, null, null, null, given, null);
        AwsClients without = AwsClients.of(null, null, null, null, null, null);

        // THEN the given client itself, and a missing one fails when the sink is made, naming it
        assertThat(with.deadLetterSqs()).isSameAs(given);
        assertThatThrownBy(without::deadLetterSqs).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no sqs client was given");
    }
}

package dev.streampipe.aws;

import static dev.streampipe.aws.WireFixture.messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.streampipe.core.topology.SnsOptions;
import dev.streampipe.core.topology.EventBridgeOptions;
import dev.streampipe.core.batch.DeadLetter;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.SinkResult;
import dev.streampipe.core.decode.RawRecord;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Opt-in: the SNS, EventBridge and SQS sinks against LocalStack in a container, delivery checked end to end through
 * SQS. Runs only where a Docker engine is reachable <em>and</em> {@code LOCALSTACK_AUTH_TOKEN} is set (LocalStack
 * needs it since March 2026); otherwise the class is skipped before any container work — the token is checked
 * first, so without it not even Docker is probed. Image:
 * {@code LOCALSTACK_IMAGE}, default {@code localstack/localstack:latest}.
 */
@EnabledIfEnvironmentVariable(named = "LOCALSTACK_AUTH_TOKEN", matches = ".*\\S.*",
        disabledReason = "LOCALSTACK_AUTH_TOKEN is not set: LocalStack cannot start")
@Testcontainers(disabledWithoutDocker = true)
class LocalStackSinksIT {
    private static final String SOURCE = "streampipe.sessions";
    private static LocalStackContainer localstack;

    private final WireFixture fixture = new WireFixture();

    @BeforeAll
    static void startLocalStack() {
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        assumeTrue(token != null && !token.isBlank(), "LOCALSTACK_AUTH_TOKEN is not set: LocalStack cannot start");
        String image = System.getenv().getOrDefault("LOCALSTACK_IMAGE", "localstack/localstack:latest");
        localstack = new LocalStackContainer(DockerImageName.parse(image)
                .asCompatibleSubstituteFor("localstack/localstack"))
                .withEnv("LOCALSTACK_AUTH_TOKEN", token)
                .withServices(LocalStackContainer.Service.SNS, LocalStackContainer.Service.SQS,
                        LocalStackContainer.EnabledService.named("events"));
        localstack.start();
    }

    @AfterAll
    static void stopLocalStack() {
        if (localstack != null) {
            localstack.stop();
        }
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(URI.create(localstack.getEndpoint().toString()))
                .region(Region.of(localstack.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey())))
                .build();
    }

    private static String queueArn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** Receives until {@code count} messages arrived or 30 s passed; deletes what it received. */
    private static List<software.amazon.awssdk.services.sqs.model.Message> receive(SqsClient sqs, String url, int count) {
        List<software.amazon.awssdk.services.sqs.model.Message> all = new ArrayList<>();
        Instant until = Instant.now().plus(Duration.ofSeconds(30));
        while (all.size() < count && Instant.now().isBefore(until)) {
            var batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(2)
                    .messageAttributeNames("All")).messages();
            all.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
        }
        return all;
    }

    @Test
    void shouldDeliverHandoffsWithFilterableAttributesWhenPublishedInBatches() {
        try (SnsClient sns = client(SnsClient.builder()); SqsClient sqs = client(SqsClient.builder())) {
            // GIVEN a topic with a raw-delivery SQS subscription filtered on event_type=handoff
            String topic = sns.createTopic(b -> b.name("handoffs")).topicArn();
            String queue = sqs.createQueue(b -> b.queueName("handoff-pages")).queueUrl();
            sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn(sqs, queue))
                    .attributes(Map.of("RawMessageDelivery", "true",
                            "FilterPolicy", "{\"event_type\":[\"handoff\"]}")));
            List<Message> batch = messages("handoff", "handoffs", 23, 300,
                    p -> p.with(SnsOptions.attributes(Map.of("event_type", "handoff", "agent_id", "agent-0042"))));

            // WHEN
            SinkResult result = new SnsSink("handoffs", sns, topic, fixture.senders()).deliver(batch, fixture.deadline());

            // THEN every message arrives once, attributes intact
            assertThat(result.failures()).isEmpty();
            var received = receive(sqs, queue, batch.size());
            assertThat(received).extracting(software.amazon.awssdk.services.sqs.model.Message::body)
                    .containsExactlyInAnyOrderElementsOf(batch.stream().map(Message::body).toList());
            assertThat(received).allSatisfy(m ->
                    assertThat(m.messageAttributes().get("agent_id").stringValue()).isEqualTo("agent-0042"));
        }
    }

    @Test
    void shouldRouteStatusEventsThroughARuleWhenPutInBatches() {
        try (EventBridgeClient events = client(EventBridgeClient.builder()); SqsClient sqs = client(SqsClient.builder())) {
            // GIVEN a bus whose rule sends SessionStatusChanged from our source to a queue
            events.createEventBus(b -> b.name("sessions"));
            String queue = sqs.createQueue(b -> b.queueName("status-events")).queueUrl();
            events.putRule(b -> b.name("status").eventBusName("sessions").eventPattern(
                    "{\"source\":[\"" + SOURCE + "\"],\"detail-type\":[\"SessionStatusChanged\"]}"));
            events.putTargets(b -> b.rule("status").eventBusName("sessions")
                    .targets(t -> t.id("queue").arn(queueArn(sqs, queue))));
            List<Message> batch = messages("meta-status", "status-events", 12, 200,
                    p -> p.with(EventBridgeOptions.detailType("SessionStatusChanged")));

            // WHEN
            SinkResult result = new EventBridgeSink("status-events", events, "sessions", SOURCE, fixture.senders())
                    .deliver(batch, fixture.deadline());

            // THEN all twelve events reach the queue
            assertThat(result.failures()).isEmpty();
            assertThat(receive(sqs, queue, batch.size())).hasSize(batch.size());
        }
    }

    @Test
    void shouldStoreEveryDeadLetterWhenSentInBatches() {
        try (SqsClient sqs = client(SqsClient.builder())) {
            // GIVEN a dead-letter queue and 12 poison records
            String queue = sqs.createQueue(b -> b.queueName("router-dlq")).queueUrl();
            List<DeadLetter> letters = IntStream.range(0, 12).mapToObj(i -> new DeadLetter(i, "ev-" + i,
                    WireFixture.sequenceNumber(i), null, "undecodable", RawRecord.of("{\"eventID\":\"ev-" + i + "\"}")))
                    .toList();

            // WHEN
            new SqsDeadLetterSink(sqs, queue, fixture.senders()).deadLetter(letters, fixture.deadline());

            // THEN twelve messages, each naming its record
            assertThat(receive(sqs, queue, 12)).hasSize(12)
                    .allSatisfy(m -> assertThat(m.body()).contains("\"reason\":\"undecodable\"", "\"record\":{"));
        }
    }
}

package dev.streampipe.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

class LoopbackAwsIT {

    @RegisterExtension
    final LoopbackAwsExtension loopback = new LoopbackAwsExtension();

    @Test
    void shouldDelayEachCallWhenLatencyIsSet() {
        // GIVEN a warmed-up client, then 50 ms for every service
        LoopbackAws aws = loopback.aws();
        try (SnsClient sns = aws.client(SnsClient.builder())) {
            sns.publish(b -> b.topicArn("arn:aws:sns:us-east-1:1:t").message("warm-up"));
            aws.latency(Duration.ofMillis(50));
            // WHEN
            long started = System.nanoTime();
            sns.publish(b -> b.topicArn("arn:aws:sns:us-east-1:1:t").message("m"));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            // THEN
            assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        }
    }

    @Test
    void shouldPreferServiceLatencyWhenBothAreSet() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        try (SqsClient sqs = aws.client(SqsClient.builder())) {
            sqs.sendMessage(b -> b.queueUrl("q").messageBody("warm-up"));
            aws.latency(Duration.ofMillis(1)).sqs().latency(Duration.ofMillis(60));
            // WHEN
            long started = System.nanoTime();
            sqs.sendMessage(b -> b.queueUrl("q").messageBody("m"));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            // THEN
            assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(60));
        }
    }

    @Test
    void shouldCountEveryAttemptExactlyWhenClientsCallConcurrently() throws Exception {
        // GIVEN every 7th record fails once; 8 producers each retry their failed records until accepted
        LoopbackAws aws = loopback.aws();
        aws.firehose().failEntriesMatching(r -> Integer.parseInt(r.text()) % 7 == 0, "ServiceUnavailableException", 1);
        int producers = 8;
        int batchesPerProducer = 10;
        int batchSize = 20;
        ExecutorService pool = Executors.newFixedThreadPool(producers);
        try (FirehoseClient firehose = aws.client(FirehoseClient.builder())) {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                tasks.add(() -> produce(firehose, producer, batchesPerProducer, batchSize));
            }
            // WHEN
            int callsMade = 0;
            for (Future<Integer> result : pool.invokeAll(tasks)) {
                callsMade += result.get();
            }
            // THEN
            int records = producers * batchesPerProducer * batchSize;
            List<String> accepted = aws.firehose().accepted().stream().map(FirehoseRecord::text).toList();
            assertThat(accepted).hasSize(records).doesNotHaveDuplicates();
            int failingRecords = (int) IntStream.range(0, records).filter(i -> i % 7 == 0).count();
            assertThat(aws.entries("Firehose", "PutRecordBatch")).isEqualTo(records + failingRecords);
            assertThat(aws.calls("Firehose", "PutRecordBatch")).isEqualTo(callsMade);
        } finally {
            pool.shutdownNow();
        }
    }

    private static int produce(FirehoseClient firehose, int producer, int batches, int batchSize) {
        int calls = 0;
        for (int b = 0; b < batches; b++) {
            List<Record> pending = new ArrayList<>();
            for (int i = 0; i < batchSize; i++) {
                int id = (producer * batches + b) * batchSize + i;
                pending.add(Record.builder().data(SdkBytes.fromString(Integer.toString(id), StandardCharsets.UTF_8)).build());
            }
            while (!pending.isEmpty()) {
                List<Record> sent = pending;
                PutRecordBatchResponse response = firehose.putRecordBatch(r -> r.deliveryStreamName("s").records(sent));
                calls++;
                pending = IntStream.range(0, sent.size())
                        .filter(i -> response.requestResponses().get(i).errorCode() != null).mapToObj(sent::get).toList();
            }
        }
        return calls;
    }

    @Test
    void shouldNoteRequestWhenNoServiceServesIt() throws Exception {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        HttpClient http = HttpClient.newHttpClient();
        // WHEN
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(aws.endpoint() + "/nowhere"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        // THEN
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(aws.unexpected()).containsExactly("no loopback service for POST /nowhere");
    }

    @Test
    void shouldAnswerErrorAndNoteItWhenOperationIsNotServed() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        try (SqsClient sqs = aws.client(SqsClient.builder())) {
            // WHEN / THEN
            assertThatThrownBy(() -> sqs.receiveMessage(b -> b.queueUrl("q")))
                    .isInstanceOfSatisfying(SqsException.class,
                            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException"));
        }
        assertThat(aws.unexpected()).singleElement().asString().startsWith("SQS operation not served: ReceiveMessage");
    }

    @Test
    void shouldKeepCallersRetryStrategyWhenBuilderHasOne() {
        // GIVEN two throttled calls and an SDK retrying three times without backoff
        LoopbackAws aws = loopback.aws();
        aws.eventBridge().throttle(2);
        try (EventBridgeClient events = aws.client(EventBridgeClient.builder()
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(10))
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(3)
                                .backoffStrategy(BackoffStrategy.retryImmediately())
                                .throttlingBackoffStrategy(BackoffStrategy.retryImmediately()).build())))) {
            // WHEN
            int failed = events.putEvents(b -> b.entries(
                    PutEventsRequestEntry.builder().source("s").detailType("d").detail("{}").build())).failedEntryCount();
            // THEN
            assertThat(failed).isZero();
        }
        assertThat(aws.calls("EventBridge", "PutEvents")).isEqualTo(3);
    }

    @Test
    void shouldTurnSdkRetriesOffWhenBuilderHasNoRetrySetting() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        aws.eventBridge().throttle(1);
        try (EventBridgeClient events = aws.client(EventBridgeClient.builder()
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(10))))) {
            // WHEN / THEN
            assertThatThrownBy(() -> events.putEvents(b -> b.entries(
                    PutEventsRequestEntry.builder().source("s").detailType("d").detail("{}").build())))
                    .isInstanceOf(EventBridgeException.class);
        }
        assertThat(aws.calls("EventBridge", "PutEvents")).isEqualTo(1);
    }

    @Test
    void shouldForgetCallsAndFaultsWhenReset() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        try (SnsClient sns = aws.client(SnsClient.builder())) {
            sns.publish(b -> b.topicArn("t").message("m"));
            aws.sns().throttle(5);
            // WHEN
            aws.reset();
            // THEN
            assertThat(aws.calls("SNS", "Publish")).isZero();
            sns.publish(b -> b.topicArn("t").message("m"));
            assertThat(aws.sns().accepted()).hasSize(1);
        }
    }

    @Test
    void shouldRejectUnknownServiceWhenCountingCalls() {
        assertThatThrownBy(() -> loopback.aws().calls("Kinesis", "PutRecords"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("service must be one of [Firehose, EventBridge, SQS, CloudWatch, Lambda, BedrockRuntime, SNS],"
                        + " was 'Kinesis'");
    }

    @Test
    void shouldListenOnLoopbackWhenStarted() {
        assertThat(loopback.aws().endpoint().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
    }
}

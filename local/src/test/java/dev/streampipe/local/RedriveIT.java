package dev.streampipe.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.emulator.MotoServer;
import dev.streampipe.local.aws.LambdaService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Redrive on moto: exactly the given-up range goes through the function, and its message goes only on success. */
class RedriveIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MotoServer moto;
    private static DynamoDbClient ddb;
    private static DynamoDbStreamsClient streams;
    private static SqsClient sqs;
    private static String streamArn;
    private static List<Record> records;

    @BeforeAll
    static void streamOfTenWrites() {
        moto = MotoServer.start(MotoServer.Options.logTo(Path.of("target", "moto-redrive.log")));
        ddb = moto.configure(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        streams = moto.configure(DynamoDbStreamsClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        sqs = moto.configure(SqsClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        streamArn = ddb.createTable(b -> b.tableName("t").billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("PK").attributeType("S"))
                .keySchema(k -> k.attributeName("PK").keyType("HASH"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")))
                .tableDescription().latestStreamArn();
        for (int i = 1; i <= 10; i++) {
            String pk = "K#" + i;
            ddb.putItem(b -> b.tableName("t").item(Map.of("PK", AttributeValue.fromS(pk))));
        }
        String shard = streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
        String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        records = streams.getRecords(b -> b.shardIterator(iterator)).records();
        assertThat(records).hasSize(10);
    }

    @AfterAll
    static void stop() {
        sqs.close();
        streams.close();
        ddb.close();
        moto.close();
    }

    @Test
    void shouldRunExactlyTheGivenUpRangeAndDeleteItsMessageWhenItSucceeds() {
        // GIVEN the on-failure record of records 3..7 (no shard id: it is found from the stream)
        String queue = queueWith(onFailure(records.get(2), records.get(6)));
        List<String> delivered = new ArrayList<>();

        // WHEN it is redriven through a function that succeeds
        Redrive.Result result = redrive().run(queue, (batch, arn) -> {
            assertThat(arn).isEqualTo(streamArn);
            batch.forEach(r -> delivered.add(r.dynamodb().keys().get("PK").s()));
            return List.of();
        });

        // THEN exactly those five went through, in order, and the message is gone
        assertThat(delivered).containsExactly("K#3", "K#4", "K#5", "K#6", "K#7");
        assertThat(result.redriven()).isEqualTo(1);
        assertThat(result.kept()).isEmpty();
        assertThat(messagesIn(queue)).isZero();
    }

    @Test
    void shouldKeepTheMessageAndNameTheRecordWhenTheRangeFailsAgain() {
        // GIVEN a range whose first record the function keeps reporting as failed
        String queue = queueWith(onFailure(records.get(0), records.get(1)));

        // WHEN it is redriven
        Redrive.Result result = redrive().run(queue, (batch, arn) -> List.of(batch.get(0).dynamodb().sequenceNumber()));

        // THEN nothing is deleted and the result names the record
        assertThat(result.redriven()).isZero();
        assertThat(result.kept()).singleElement().satisfies(k -> assertThat(k.reason())
                .contains("failed again past the retry limit", records.get(0).dynamodb().sequenceNumber()));
        assertThat(messagesIn(queue)).isEqualTo(1);
    }

    @Test
    void shouldKeepAMessageThatIsNoOnFailureRecordAndSaySo() {
        String queue = queueWith("{\"something\":\"else\"}");

        Redrive.Result result = redrive().run(queue, (batch, arn) -> List.of());

        assertThat(result.kept()).singleElement().satisfies(k -> assertThat(k.reason())
                .contains("no DDBStreamBatchInfo"));
        assertThat(messagesIn(queue)).isEqualTo(1);
    }

    @Test
    void shouldRedriveThroughLambdasInvokeApiAndKeepTheMessageWhenTheFunctionErrs() throws Exception {
        // GIVEN two given-up ranges and, behind a loopback Lambda Invoke API, a function that fails on K#2's record
        String queue = queueWith(onFailure(records.get(0), records.get(1)), onFailure(records.get(4), records.get(5)));
        List<String> delivered = new ArrayList<>();
        RequestStreamHandler function = (input, output, context) -> {
            JsonNode event = JSON.readTree(input);
            for (JsonNode r : event.path("Records")) {
                String pk = r.path("dynamodb").path("Keys").path("PK").path("S").asText();
                if (pk.equals("K#2")) {
                    throw new IllegalStateException("function bug on " + pk);
                }
                delivered.add(pk);
            }
            output.write("{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8));
        };
        try (LambdaService service = LambdaService.start(2, Clock.systemUTC(), line -> { });
             LambdaClient lambda = moto.configure(LambdaClient.builder()).endpointOverride(service.endpoint())
                     .httpClient(UrlConnectionHttpClient.create()).build()) {
            service.register(new LambdaService.Function("router", function, Duration.ofSeconds(30), 0, m -> { }));

            // WHEN the CLI's invoke path (synchronous Invoke, the response's batchItemFailures) redrives them
            Redrive.Result result = redrive().run(queue,
                    (batch, arn) -> RedriveCommand.invoke(lambda, "router", LambdaEventJson.event(batch, arn)));

            // THEN the range without the bug went through and its message is gone; the other is kept, named
            assertThat(delivered).contains("K#5", "K#6");
            assertThat(result.redriven()).isEqualTo(1);
            assertThat(result.kept()).singleElement().satisfies(k -> assertThat(k.reason())
                    .contains("failed again past the retry limit", records.get(1).dynamodb().sequenceNumber()));
            assertThat(messagesIn(queue)).isEqualTo(1);
        }
    }

    private static Redrive redrive() {
        return new Redrive(sqs, streams, new MappingSemantics.Settings(1, true));
    }

    private static String onFailure(Record first, Record last) {
        return "{\"version\":\"1.0\",\"requestContext\":{\"condition\":\"RetryAttemptsExhausted\"},"
                + "\"DDBStreamBatchInfo\":{\"startSequenceNumber\":\"" + first.dynamodb().sequenceNumber()
                + "\",\"endSequenceNumber\":\"" + last.dynamodb().sequenceNumber() + "\",\"batchSize\":5,"
                + "\"streamArn\":\"" + streamArn + "\"}}";
    }

    private static String queueWith(String... bodies) {
        String url = sqs.createQueue(b -> b.queueName("on-failure-" + System.nanoTime())).queueUrl();
        for (String body : bodies) {
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(body));
        }
        return url;
    }

    private static int messagesIn(String queue) {
        Map<String, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNamesWithStrings(
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")).attributesAsStrings();
        return Integer.parseInt(attributes.get("ApproximateNumberOfMessages"))
                + Integer.parseInt(attributes.get("ApproximateNumberOfMessagesNotVisible"));
    }
}

package dev.streampipe.examples.snippets.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.aws.DynamoDbEffectLedger;
import dev.streampipe.aws.lambda.AwsClients;
import dev.streampipe.aws.lambda.StreamEnvironment;
import dev.streampipe.aws.lambda.StreamRuntime;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.Sleeper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The SAM template the docs show for the inventory function gives the handler what it reads. */
class InventoryTemplateTest {
    private static final Path TEMPLATE = Path.of("src/test/resources/sam/inventory.yaml");
    private static final Pattern VARIABLE = Pattern.compile("^ {10}([A-Z][A-Z0-9_]*): .+$");

    @Test
    void shouldBuildTheHandlersRuntimeWhenGivenTheTemplatesVariables() throws Exception {
        // GIVEN the variables the template sets on the function (each a placeholder value)
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(TEMPLATE)) {
            Matcher m = VARIABLE.matcher(line);
            if (m.matches()) {
                env.put(m.group(1), m.group(1).endsWith("_ARN") ? "arn:aws:sns:us-east-1:123456789012:x"
                        : m.group(1).endsWith("_URL") ? "https://sqs.us-east-1.amazonaws.com/123456789012/q" : "x");
            }
        }
        AwsClients clients = clients();

        // WHEN the handler's runtime is built from them
        StreamRuntime runtime = InventoryHandler.runtime(StreamEnvironment.of(env, clients, Clock.systemUTC(),
                Sleeper.REAL, RetryPolicy.DEFAULT, line -> { }));

        // THEN it builds: no variable the handler needs is missing, and none is set that it does not read
        assertThat(env).containsOnlyKeys("ANALYTICS_DELIVERY_STREAM", "REORDER_TOPIC_ARN", "STOCK_EVENT_BUS",
                "DEAD_LETTER_QUEUE_URL", "LEDGER_TABLE_NAME");
        assertThat(runtime.topology().sinks()).hasSize(3);
        clients.close();
    }

    @Test
    void shouldNameTheHandlerAndTheMappingsSafetyNetWhenRead() throws Exception {
        // GIVEN / WHEN the template's text
        String template = Files.readString(TEMPLATE);

        // THEN its handler is this module's, its mapping reports item failures, bisects, bounds retries and
        // keeps what it gives up on, and its ledger table has the key and TTL attribute the ledger writes
        Matcher handler = Pattern.compile("Handler: ([\\w.]+)::handleRequest").matcher(template);
        assertThat(handler.find()).isTrue();
        assertThat(Class.forName(handler.group(1))).isEqualTo(InventoryHandler.class);
        assertThat(template).contains("- ReportBatchItemFailures", "BisectBatchOnFunctionError: true",
                "MaximumRetryAttempts: 10", "MaximumRecordAgeInSeconds: 21600", "Destination: !GetAtt OnFailureQueue.Arn",
                "StreamViewType: " + InventoryTopology.create().requiredViewType(),
                "AttributeName: " + DynamoDbEffectLedger.KEY, "AttributeName: " + DynamoDbEffectLedger.EXPIRES_AT);
        for (String action : List.of("firehose:PutRecordBatch", "sns:Publish", "events:PutEvents", "sqs:SendMessage",
                "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:GetRecords")) {
            assertThat(template).contains(action);
        }
    }

    private static AwsClients clients() {
        Region region = Region.US_EAST_1;
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"));
        URI nowhere = URI.create("http://127.0.0.1:9");
        return AwsClients.builder()
                .firehose(AwsClients.configure(FirehoseClient.builder(), region, credentials)
                        .endpointOverride(nowhere).build())
                .sns(AwsClients.configure(SnsClient.builder(), region, credentials).endpointOverride(nowhere).build())
                .eventBridge(AwsClients.configure(EventBridgeClient.builder(), region, credentials)
                        .endpointOverride(nowhere).build())
                .sqs(AwsClients.configure(SqsClient.builder(), region, credentials).endpointOverride(nowhere).build())
                .dynamoDb(AwsClients.configure(DynamoDbClient.builder(), region, credentials)
                        .endpointOverride(nowhere).build())
                .build();
    }
}

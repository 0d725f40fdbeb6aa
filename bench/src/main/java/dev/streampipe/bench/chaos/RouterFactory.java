package dev.streampipe.bench.chaos;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.streampipe.aws.lambda.AwsClients;
import dev.streampipe.aws.lambda.StreamEnvironment;
import dev.streampipe.bench.router.RouterEnvironment;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.Sleeper;
import dev.streampipe.core.state.StateStore;
import dev.streampipe.router.RouterHandler;
import dev.streampipe.router.RouterWiring;
import dev.streampipe.router.SessionSchema;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The one place the chaos harness touches the router's own API: it builds the real router Lambda handler, with its
 * SDK clients configured as in Lambda ({@link AwsClients}) and pointed at the loopback endpoints. Everything else in
 * the harness sees only {@link RequestStreamHandler}: event JSON in, partial batch response out.
 */
final class RouterFactory {
    static final String DEAD_LETTER_QUEUE = RouterEnvironment.DEAD_LETTER_QUEUE;
    /** The session schema's summary interval (turns per window). */
    static final int SUMMARY_INTERVAL = SessionSchema.DEFAULT.summaryInterval();

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("chaos-access-key", "chaos-secret-key"));

    private RouterFactory() {
    }

    /**
     * The router handler: sinks on {@code aws}, ledger on {@code ledger}, aggregations in {@code state}, audit
     * lines, status metrics and logs to {@code log}; {@code unpacked}: its Firehose client splits every record into
     * one record per line on the wire (the broken variant {@link BrokenVariants#unpacking}).
     */
    static RequestStreamHandler router(URI aws, URI ledger, StateStore state, RetryPolicy retry, Consumer<String> log,
                                       boolean unpacked) {
        Map<String, String> env = RouterEnvironment.VARIABLES;
        Region region = Region.US_EAST_1;
        FirehoseClient firehose = AwsClients.configure(FirehoseClient.builder(), region, CREDENTIALS)
                .endpointOverride(aws).build();
        AwsClients clients = AwsClients.builder()
                .firehose(unpacked ? BrokenVariants.unpacking(firehose) : firehose)
                .sns(AwsClients.configure(SnsClient.builder(), region, CREDENTIALS).endpointOverride(aws).build())
                .eventBridge(AwsClients.configure(EventBridgeClient.builder(), region, CREDENTIALS)
                        .endpointOverride(aws).build())
                .lambda(AwsClients.configure(LambdaClient.builder(), region, CREDENTIALS).endpointOverride(aws).build())
                .sqs(AwsClients.configure(SqsClient.builder(), region, CREDENTIALS).endpointOverride(aws).build())
                .dynamoDb(AwsClients.configure(DynamoDbClient.builder(), region, CREDENTIALS)
                        .endpointOverride(ledger).build())
                .build();
        return new RouterHandler(RouterWiring.router(StreamEnvironment.of(env, clients, Clock.systemUTC(),
                Sleeper.REAL, retry, log), state));
    }
}

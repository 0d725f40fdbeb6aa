package dev.streampipe.monitor;

import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The clients a monitor runs on. The monitor never closes them; {@link #close()} does, for whoever
 * built them.
 *
 * @param streams    DynamoDB Streams client (for DynamoDB Local: the plain local client; the monitor
 *                   rewrites ARNs itself)
 * @param dynamoDb   DynamoDB client for KCL's lease, worker-metrics and coordinator tables
 * @param cloudWatch CloudWatch client for KCL's own metrics (unused when they are off)
 * @param region     the stream's region (for DynamoDB Local: the region the adapter is told)
 */
public record MonitorClients(DynamoDbStreamsClient streams, DynamoDbAsyncClient dynamoDb,
                             CloudWatchAsyncClient cloudWatch, Region region) implements AutoCloseable {

    /** Region assumed for DynamoDB Local. */
    public static final Region LOCAL_REGION = Region.US_EAST_1;

    public MonitorClients {
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        Objects.requireNonNull(cloudWatch, "cloudWatch");
        Objects.requireNonNull(region, "region");
    }

    /**
     * Clients for DynamoDB Local at {@code endpoint} with dummy credentials. The CloudWatch client
     * points at the same endpoint and is never called: KCL metrics are off for local streams.
     */
    public static MonitorClients local(URI endpoint) {
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        return new MonitorClients(
                DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(LOCAL_REGION)
                        .credentialsProvider(credentials).build(),
                DynamoDbAsyncClient.builder().endpointOverride(endpoint).region(LOCAL_REGION)
                        .credentialsProvider(credentials).build(),
                CloudWatchAsyncClient.builder().endpointOverride(endpoint).region(LOCAL_REGION)
                        .credentialsProvider(credentials).build(),
                LOCAL_REGION);
    }

    /** Default-chain clients in {@code region}, optionally with a DynamoDB endpoint override. */
    public static MonitorClients aws(Region region, URI dynamoDbEndpoint) {
        var streams = DynamoDbStreamsClient.builder().region(region);
        var dynamoDb = DynamoDbAsyncClient.builder().region(region);
        if (dynamoDbEndpoint != null) {
            streams.endpointOverride(dynamoDbEndpoint);
            dynamoDb.endpointOverride(dynamoDbEndpoint);
        }
        return new MonitorClients(streams.build(), dynamoDb.build(),
                CloudWatchAsyncClient.builder().region(region).build(), region);
    }

    /** Closes all three clients. */
    @Override
    public void close() {
        streams.close();
        dynamoDb.close();
        cloudWatch.close();
    }
}

package dev.streampipe.monitor;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The clients a monitor runs on. The monitor never closes them; {@link #close()} does, for whoever
 * built them.
 *
 * <p>An emulator (moto) is named by its endpoint: {@link #local} clients carry it in
 * {@link #emulatorEndpoint()}, and a monitor on them publishes no CloudWatch metrics of any kind (KCL's
 * own are forced off: the SDK speaks a CBOR protocol to CloudWatch that the emulator does not serve).
 *
 * @param streams          DynamoDB Streams client
 * @param dynamoDb         DynamoDB client for KCL's lease, worker-metrics and coordinator tables
 * @param cloudWatch       CloudWatch client for KCL's own metrics (never called on an emulator)
 * @param region           the stream's region, given to the adapter
 * @param emulatorEndpoint the emulator every client points at; empty for AWS
 */
public record MonitorClients(DynamoDbStreamsClient streams, DynamoDbAsyncClient dynamoDb,
                             CloudWatchAsyncClient cloudWatch, Region region, Optional<URI> emulatorEndpoint)
        implements AutoCloseable {

    /** Region of {@link #local(URI)} clients; moto writes the clients' region into its ARNs. */
    public static final Region LOCAL_REGION = Region.US_EAST_1;

    private static final StaticCredentialsProvider EMULATOR_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

    public MonitorClients {
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(dynamoDb, "dynamoDb");
        Objects.requireNonNull(cloudWatch, "cloudWatch");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(emulatorEndpoint, "emulatorEndpoint");
    }

    /** Clients for AWS (no emulator). */
    public MonitorClients(DynamoDbStreamsClient streams, DynamoDbAsyncClient dynamoDb,
                          CloudWatchAsyncClient cloudWatch, Region region) {
        this(streams, dynamoDb, cloudWatch, region, Optional.empty());
    }

    /** {@link #local(URI, Region)} in {@link #LOCAL_REGION}. */
    public static MonitorClients local(URI endpoint) {
        return local(endpoint, LOCAL_REGION);
    }

    /**
     * Clients for an emulator (moto) at {@code endpoint}, which serves every service, with dummy
     * credentials. The CloudWatch client points at the same endpoint and is never called.
     *
     * @param region the region the stream was created in (the region field of its ARN)
     */
    public static MonitorClients local(URI endpoint, Region region) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        return new MonitorClients(
                DynamoDbStreamsClient.builder().endpointOverride(endpoint).region(region)
                        .credentialsProvider(EMULATOR_CREDENTIALS).build(),
                DynamoDbAsyncClient.builder().endpointOverride(endpoint).region(region)
                        .credentialsProvider(EMULATOR_CREDENTIALS).build(),
                CloudWatchAsyncClient.builder().endpointOverride(endpoint).region(region)
                        .credentialsProvider(EMULATOR_CREDENTIALS).build(),
                region, Optional.of(endpoint));
    }

    /** Default-chain clients in {@code region}. */
    public static MonitorClients aws(Region region) {
        return new MonitorClients(DynamoDbStreamsClient.builder().region(region).build(),
                DynamoDbAsyncClient.builder().region(region).build(),
                CloudWatchAsyncClient.builder().region(region).build(), region);
    }

    /** True when every client points at an emulator. */
    public boolean isEmulator() {
        return emulatorEndpoint.isPresent();
    }

    /**
     * A new SNS client beside these (alerts): on the emulator's endpoint with its dummy credentials, else
     * the default chain in {@link #region()}. The caller owns it; {@link #close()} does not close it.
     */
    public SnsClient newSnsClient() {
        var sns = SnsClient.builder().region(region);
        emulatorEndpoint.ifPresent(endpoint -> sns.endpointOverride(endpoint).credentialsProvider(EMULATOR_CREDENTIALS));
        return sns.build();
    }

    /** Closes the three clients. */
    @Override
    public void close() {
        streams.close();
        dynamoDb.close();
        cloudWatch.close();
    }
}

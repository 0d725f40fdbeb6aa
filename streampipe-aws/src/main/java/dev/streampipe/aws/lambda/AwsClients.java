package dev.streampipe.aws.lambda;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients a stream function's sinks use, each built on first use (a topology that sends nothing to SNS
 * never builds an SNS client). {@link #fromEnvironment()} builds them as they should be in Lambda: the URLConnection
 * HTTP client (the lightest to start), the region and credentials from the environment without walking provider
 * chains, SDK retries off (the sinks retry per entry within the invocation's remaining time), and per-attempt
 * timeouts. No network call happens here. {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>} redirect
 * clients, as the SDK supports. Thread-safe.
 */
public final class AwsClients implements AutoCloseable {
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private final Lazy<FirehoseClient> firehose;
    private final Lazy<SnsClient> sns;
    private final Lazy<EventBridgeClient> eventBridge;
    private final Lazy<LambdaClient> lambda;
    private final Lazy<SqsClient> sqs;
    private final Lazy<DynamoDbClient> dynamoDb;

    private AwsClients(Supplier<FirehoseClient> firehose, Supplier<SnsClient> sns,
                       Supplier<EventBridgeClient> eventBridge, Supplier<LambdaClient> lambda, Supplier<SqsClient> sqs,
                       Supplier<DynamoDbClient> dynamoDb) {
        this.firehose = new Lazy<>(firehose);
        this.sns = new Lazy<>(sns);
        this.eventBridge = new Lazy<>(eventBridge);
        this.lambda = new Lazy<>(lambda);
        this.sqs = new Lazy<>(sqs);
        this.dynamoDb = new Lazy<>(dynamoDb);
    }

    /** Clients for Lambda, from {@code AWS_REGION} and the function's credentials. */
    public static AwsClients fromEnvironment() {
        String regionName = System.getenv("AWS_REGION");
        Region region = Region.of(regionName == null || regionName.isBlank() ? "us-east-1" : regionName);
        AwsCredentialsProvider credentials = System.getenv("AWS_ACCESS_KEY_ID") != null
                ? EnvironmentVariableCredentialsProvider.create() : DefaultCredentialsProvider.builder().build();
        return new AwsClients(
                () -> configure(FirehoseClient.builder(), region, credentials).build(),
                () -> configure(SnsClient.builder(), region, credentials).build(),
                () -> configure(EventBridgeClient.builder(), region, credentials).build(),
                () -> configure(LambdaClient.builder(), region, credentials).build(),
                () -> configure(SqsClient.builder(), region, credentials).build(),
                () -> configure(DynamoDbClient.builder(), region, credentials).build());
    }

    /** Given clients (tests, the local run, benchmarks); one a topology never uses may be {@code null}. */
    public static AwsClients of(FirehoseClient firehose, SnsClient sns, EventBridgeClient eventBridge,
                                LambdaClient lambda, SqsClient sqs, DynamoDbClient dynamoDb) {
        return new AwsClients(given(firehose, "firehose"), given(sns, "sns"), given(eventBridge, "eventBridge"),
                given(lambda, "lambda"), given(sqs, "sqs"), given(dynamoDb, "dynamoDb"));
    }

    /** A builder set up as the clients are in Lambda (URLConnection, timeouts, SDK retries off). */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(
            B builder, Region region, AwsCredentialsProvider credentials) {
        return builder.region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(ATTEMPT_TIMEOUT))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallAttemptTimeout(ATTEMPT_TIMEOUT));
    }

    public FirehoseClient firehose() {
        return firehose.get();
    }

    public SnsClient sns() {
        return sns.get();
    }

    public EventBridgeClient eventBridge() {
        return eventBridge.get();
    }

    public LambdaClient lambda() {
        return lambda.get();
    }

    public SqsClient sqs() {
        return sqs.get();
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb.get();
    }

    /** Closes the clients that were built. */
    @Override
    public void close() {
        for (Lazy<? extends AutoCloseable> c : java.util.List.of(firehose, sns, eventBridge, lambda, sqs, dynamoDb)) {
            c.closeIfBuilt();
        }
    }

    private static <T> Supplier<T> given(T client, String name) {
        return () -> {
            if (client == null) {
                throw new IllegalStateException("no " + name + " client was given, and a sink needs one");
            }
            return client;
        };
    }

    private static final class Lazy<T extends AutoCloseable> {
        private final Supplier<T> create;
        private volatile T value;

        Lazy(Supplier<T> create) {
            this.create = Objects.requireNonNull(create);
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = create.get();
                        value = v;
                    }
                }
            }
            return v;
        }

        void closeIfBuilt() {
            T v = value;
            if (v != null) {
                try {
                    v.close();
                } catch (Exception e) {
                    // closing is best effort
                }
            }
        }
    }
}

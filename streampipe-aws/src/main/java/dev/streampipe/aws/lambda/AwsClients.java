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
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The SDK clients a stream function's sinks use, each built on first use (a topology that sends nothing to SNS
 * never builds an SNS client). {@link #fromEnvironment()} builds them as they should be in Lambda: the URLConnection
 * HTTP client (the lightest to start), the region and credentials from the environment without walking provider
 * chains, SDK retries off (the sinks retry per entry within the invocation's remaining time), and per-attempt
 * timeouts. No network call happens here. {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>} redirect
 * clients, as the SDK supports. {@link #deadLetterSqs()} goes further: that client is built on the first dead letter,
 * not when the sink is made. Thread-safe.
 */
public final class AwsClients implements AutoCloseable {
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private final Lazy<FirehoseClient> firehose;
    private final Lazy<SnsClient> sns;
    private final Lazy<EventBridgeClient> eventBridge;
    private final Lazy<LambdaClient> lambda;
    private final Lazy<SqsClient> sqs;
    private final Lazy<DynamoDbClient> dynamoDb;
    /** Whether the clients were given ({@link #of}) rather than built here. */
    private final boolean given;

    private AwsClients(Supplier<FirehoseClient> firehose, Supplier<SnsClient> sns,
                       Supplier<EventBridgeClient> eventBridge, Supplier<LambdaClient> lambda, Supplier<SqsClient> sqs,
                       Supplier<DynamoDbClient> dynamoDb, boolean given) {
        this.firehose = new Lazy<>(firehose);
        this.sns = new Lazy<>(sns);
        this.eventBridge = new Lazy<>(eventBridge);
        this.lambda = new Lazy<>(lambda);
        this.sqs = new Lazy<>(sqs);
        this.dynamoDb = new Lazy<>(dynamoDb);
        this.given = given;
    }

    /** Clients for Lambda, from {@code AWS_REGION} and the function's credentials. */
    public static AwsClients fromEnvironment() {
        String regionName = System.getenv("AWS_REGION");
        Region region = Region.of(regionName == null || regionName.isBlank() ? "us-east-1" : regionName);
        AwsCredentialsProvider credentials = System.getenv("AWS_ACCESS_KEY_ID") != null
                ? EnvironmentVariableCredentialsProvider.create() : DefaultCredentialsProvider.builder().build();
        return built(
                () -> configure(FirehoseClient.builder(), region, credentials).build(),
                () -> configure(SnsClient.builder(), region, credentials).build(),
                () -> configure(EventBridgeClient.builder(), region, credentials).build(),
                () -> configure(LambdaClient.builder(), region, credentials).build(),
                () -> configure(SqsClient.builder(), region, credentials).build(),
                () -> configure(DynamoDbClient.builder(), region, credentials).build());
    }

    /** Clients built here, each by its supplier on first use (package-private for tests). */
    static AwsClients built(Supplier<FirehoseClient> firehose, Supplier<SnsClient> sns,
                            Supplier<EventBridgeClient> eventBridge, Supplier<LambdaClient> lambda,
                            Supplier<SqsClient> sqs, Supplier<DynamoDbClient> dynamoDb) {
        return new AwsClients(firehose, sns, eventBridge, lambda, sqs, dynamoDb, false);
    }

    /** Given clients (tests, the local run, benchmarks); one a topology never uses may be {@code null}. */
    public static AwsClients of(FirehoseClient firehose, SnsClient sns, EventBridgeClient eventBridge,
                                LambdaClient lambda, SqsClient sqs, DynamoDbClient dynamoDb) {
        return new AwsClients(given(firehose, "firehose"), given(sns, "sns"), given(eventBridge, "eventBridge"),
                given(lambda, "lambda"), given(sqs, "sqs"), given(dynamoDb, "dynamoDb"), true);
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

    /**
     * The SQS client of a dead-letter sink. Built from the environment, it is built on the first dead letter sent:
     * most invocations send none, so neither the cold start nor the SnapStart snapshot pays for building it. It
     * supports {@code sendMessageBatch} only (all a dead-letter sink calls); other operations throw
     * {@link UnsupportedOperationException}. With {@linkplain #of given clients}, the given SQS client (a missing one
     * fails here).
     */
    public SqsClient deadLetterSqs() {
        return given ? sqs() : new DeadLetterSqsClient(sqs);
    }

    /** Closes the clients that were built. */
    @Override
    public void close() {
        for (Lazy<? extends AutoCloseable> c : java.util.List.of(firehose, sns, eventBridge, lambda, sqs, dynamoDb)) {
            c.closeIfBuilt();
        }
    }

    /** Builds the real client on the first send; the SDK's other {@code sendMessageBatch} overloads call this one. */
    private static final class DeadLetterSqsClient implements SqsClient {
        private final Lazy<SqsClient> client;

        DeadLetterSqsClient(Lazy<SqsClient> client) {
            this.client = client;
        }

        @Override
        public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
            return client.get().sendMessageBatch(request);
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
            // The AwsClients that made it closes the real client.
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

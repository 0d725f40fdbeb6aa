package dev.streampipe.aws.lambda;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * The SDK clients a stream function's sinks use. {@link #fromEnvironment()} builds them as they should be in Lambda,
 * each on first use (a topology that sends nothing to SNS never builds an SNS client): the URLConnection HTTP client
 * (the lightest to start), the region and credentials from the environment without walking provider chains, SDK
 * retries off (the sinks retry per entry within the invocation's remaining time), and per-attempt timeouts. No
 * network call happens here. {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>} redirect clients, as the
 * SDK supports. {@link #deadLetterSqs()} goes further: that client is built on the first dead letter, not when the
 * sink is made. {@link #builder()} takes clients made elsewhere (tests, the local run, benchmarks), by name:
 *
 * <pre>{@code
 * AwsClients clients = AwsClients.builder().firehose(firehose).sqs(sqs).build(); // no SNS, Lambda, ... sink
 * }</pre>
 *
 * A sink asking for a client that was not given fails when it is made, naming the client and the sink. The
 * environment variables {@link #fromEnvironment()} takes are {@link RuntimeSettings#CLIENT_VARIABLES}. Thread-safe.
 */
public final class AwsClients implements AutoCloseable {
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private final Lazy<FirehoseClient> firehose;
    private final Lazy<SnsClient> sns;
    private final Lazy<EventBridgeClient> eventBridge;
    private final Lazy<LambdaClient> lambda;
    private final Lazy<SqsClient> sqs;
    private final Lazy<DynamoDbClient> dynamoDb;
    /** Whether the clients were given ({@link #builder()}) rather than built here. */
    private final boolean given;

    private AwsClients(Supplier<FirehoseClient> firehose, Supplier<SnsClient> sns,
                       Supplier<EventBridgeClient> eventBridge, Supplier<LambdaClient> lambda, Supplier<SqsClient> sqs,
                       Supplier<DynamoDbClient> dynamoDb, boolean given) {
        this.firehose = new Lazy<>("Firehose", "firehose", firehose);
        this.sns = new Lazy<>("SNS", "sns", sns);
        this.eventBridge = new Lazy<>("EventBridge", "eventBridge", eventBridge);
        this.lambda = new Lazy<>("Lambda", "lambda", lambda);
        this.sqs = new Lazy<>("SQS", "sqs", sqs);
        this.dynamoDb = new Lazy<>("DynamoDB", "dynamoDb", dynamoDb);
        this.given = given;
    }

    /**
     * Clients for Lambda, from {@code AWS_REGION} and the function's credentials. Fails, naming {@code AWS_REGION},
     * when it is not set or blank (Lambda always sets it; elsewhere set it, or give clients with {@link #builder()}).
     */
    public static AwsClients fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** {@link #fromEnvironment()} on {@code env} (package-private for tests). */
    static AwsClients fromEnvironment(Map<String, String> env) {
        Region region = region(env);
        AwsCredentialsProvider credentials = env.get(RuntimeSettings.AWS_ACCESS_KEY_ID) != null
                ? EnvironmentVariableCredentialsProvider.create() : DefaultCredentialsProvider.builder().build();
        return built(
                () -> configure(FirehoseClient.builder(), region, credentials).build(),
                () -> configure(SnsClient.builder(), region, credentials).build(),
                () -> configure(EventBridgeClient.builder(), region, credentials).build(),
                () -> configure(LambdaClient.builder(), region, credentials).build(),
                () -> configure(SqsClient.builder(), region, credentials).build(),
                () -> configure(DynamoDbClient.builder(), region, credentials).build());
    }

    private static Region region(Map<String, String> env) {
        String name = env.get(RuntimeSettings.AWS_REGION);
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("environment variable " + RuntimeSettings.AWS_REGION + " is required: the region of the"
                    + " function's AWS clients, was " + (name == null ? "not set" : "blank") + " (Lambda sets it;"
                    + " elsewhere set it, e.g. AWS_REGION=eu-west-1, or give the clients with AwsClients.builder())");
        }
        return Region.of(name.strip());
    }

    /** Clients built here, each by its supplier on first use (package-private for tests). */
    static AwsClients built(Supplier<FirehoseClient> firehose, Supplier<SnsClient> sns,
                            Supplier<EventBridgeClient> eventBridge, Supplier<LambdaClient> lambda,
                            Supplier<SqsClient> sqs, Supplier<DynamoDbClient> dynamoDb) {
        return new AwsClients(Objects.requireNonNull(firehose), Objects.requireNonNull(sns),
                Objects.requireNonNull(eventBridge), Objects.requireNonNull(lambda), Objects.requireNonNull(sqs),
                Objects.requireNonNull(dynamoDb), false);
    }

    /** Clients made elsewhere (tests, the local run, benchmarks), given by name; leave out the ones no sink uses. */
    public static Builder builder() {
        return new Builder();
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

    /** The Firehose client; fails, naming it, when clients were given without one. */
    public FirehoseClient firehose() {
        return firehose.get(null);
    }

    /** The SNS client; fails, naming it, when clients were given without one. */
    public SnsClient sns() {
        return sns.get(null);
    }

    /** The EventBridge client; fails, naming it, when clients were given without one. */
    public EventBridgeClient eventBridge() {
        return eventBridge.get(null);
    }

    /** The Lambda client; fails, naming it, when clients were given without one. */
    public LambdaClient lambda() {
        return lambda.get(null);
    }

    /** The SQS client; fails, naming it, when clients were given without one. */
    public SqsClient sqs() {
        return sqs.get(null);
    }

    /** The DynamoDB client; fails, naming it, when clients were given without one. */
    public DynamoDbClient dynamoDb() {
        return dynamoDb.get(null);
    }

    FirehoseClient firehose(String neededBy) {
        return firehose.get(neededBy);
    }

    SnsClient sns(String neededBy) {
        return sns.get(neededBy);
    }

    EventBridgeClient eventBridge(String neededBy) {
        return eventBridge.get(neededBy);
    }

    LambdaClient lambda(String neededBy) {
        return lambda.get(neededBy);
    }

    DynamoDbClient dynamoDb(String neededBy) {
        return dynamoDb.get(neededBy);
    }

    /**
     * The SQS client of a dead-letter sink. Built from the environment, it is built on the first dead letter sent:
     * most invocations send none, so neither the cold start nor the SnapStart snapshot pays for building it. It
     * supports {@code sendMessageBatch} only (all a dead-letter sink calls); other operations throw
     * {@link UnsupportedOperationException}. With {@linkplain #builder() given clients}, the given SQS client (a
     * missing one fails here).
     */
    public SqsClient deadLetterSqs() {
        return deadLetterSqs(null);
    }

    SqsClient deadLetterSqs(String neededBy) {
        return given ? sqs.get(neededBy) : new DeadLetterSqsClient(sqs);
    }

    /** Closes the clients that were built or, given, handed out. */
    @Override
    public void close() {
        for (Lazy<? extends AutoCloseable> c : List.of(firehose, sns, eventBridge, lambda, sqs, dynamoDb)) {
            c.closeIfBuilt();
        }
    }

    /**
     * Clients made elsewhere, by name: {@code AwsClients.builder().firehose(f).sqs(s).build()}. A client left out
     * is one no sink of the function uses; a sink that needs it fails when it is made, naming the client.
     */
    public static final class Builder {
        private FirehoseClient firehose;
        private SnsClient sns;
        private EventBridgeClient eventBridge;
        private LambdaClient lambda;
        private SqsClient sqs;
        private DynamoDbClient dynamoDb;

        private Builder() {
        }

        /** For {@code firehose(...)} sinks. */
        public Builder firehose(FirehoseClient client) {
            this.firehose = Objects.requireNonNull(client, "firehose");
            return this;
        }

        /** For {@code sns(...)} sinks. */
        public Builder sns(SnsClient client) {
            this.sns = Objects.requireNonNull(client, "sns");
            return this;
        }

        /** For {@code eventBridge(...)} sinks. */
        public Builder eventBridge(EventBridgeClient client) {
            this.eventBridge = Objects.requireNonNull(client, "eventBridge");
            return this;
        }

        /** For {@code lambda(...)} and {@code lambdaBatched(...)} sinks. */
        public Builder lambda(LambdaClient client) {
            this.lambda = Objects.requireNonNull(client, "lambda");
            return this;
        }

        /** For the dead letters ({@code DEAD_LETTER_QUEUE_URL}): every stream runtime needs it. */
        public Builder sqs(SqsClient client) {
            this.sqs = Objects.requireNonNull(client, "sqs");
            return this;
        }

        /** For the effect ledger ({@code LEDGER_TABLE_NAME}), when a route is ledgered. */
        public Builder dynamoDb(DynamoDbClient client) {
            this.dynamoDb = Objects.requireNonNull(client, "dynamoDb");
            return this;
        }

        public AwsClients build() {
            return new AwsClients(given(firehose), given(sns), given(eventBridge), given(lambda), given(sqs),
                    given(dynamoDb), true);
        }

        private static <T> Supplier<T> given(T client) {
            return client == null ? null : () -> client;
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
            return client.get(null).sendMessageBatch(request);
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

    /** One client: built by its supplier on first use, or missing (a {@code null} supplier: not given). */
    private static final class Lazy<T extends AutoCloseable> {
        private final String service;
        private final String setter;
        private final Supplier<T> create;
        private volatile T value;

        Lazy(String service, String setter, Supplier<T> create) {
            this.service = service;
            this.setter = setter;
            this.create = create;
        }

        T get(String neededBy) {
            if (create == null) {
                throw new IllegalStateException((neededBy == null ? "no " + service + " client was given"
                        : neededBy + " needs the " + service + " client, but none was given")
                        + ": add ." + setter + "(client) to AwsClients.builder()");
            }
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

package dev.streampipe.testing.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * A loopback AWS endpoint: one HTTP server on {@code 127.0.0.1} (ephemeral port) serving Firehose, EventBridge,
 * SNS, SQS, Lambda, CloudWatch and Bedrock Runtime to real SDK v2 clients, with per-service fault injection.
 *
 * <pre>{@code
 * try (LoopbackAws aws = LoopbackAws.start()) {
 *     aws.firehose().failEntriesMatching(r -> r.text().contains("x"), "ServiceUnavailableException", 1);
 *     aws.latency(Duration.ofMillis(5));
 *     FirehoseClient firehose = aws.client(FirehoseClient.builder());
 *     ...
 *     assertThat(aws.calls("Firehose", "PutRecordBatch")).isEqualTo(2);
 *     assertThat(aws.firehose().accepted()).hasSize(n);
 *     assertThat(aws.unexpected()).isEmpty();
 * }
 * }</pre>
 *
 * <p>Contract: thread-safe; calls are served concurrently on a cached pool of daemon threads. {@link #close()}
 * stops the server; clients built by {@link #client} must be closed by the caller.
 *
 * <p>It runs on a {@link LoopbackServer}, which sets TCP_NODELAY (without it Nagle's algorithm and delayed ACKs cost
 * about 50 ms per call).
 */
public final class LoopbackAws implements AutoCloseable {

    /** The region clients are configured with. */
    public static final Region REGION = Region.US_EAST_1;

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("loopback-access-key", "loopback-secret-key"));

    private final FirehoseStub firehose = new FirehoseStub();
    private final EventBridgeStub eventBridge = new EventBridgeStub();
    private final SqsStub sqs = new SqsStub();
    private final CloudWatchStub cloudWatch = new CloudWatchStub();
    private final SnsStub sns = new SnsStub();
    private final LambdaStub lambda = new LambdaStub();
    private final BedrockStub bedrock = new BedrockStub();
    // First match wins; SNS goes last because a body-less POST also looks form-encoded.
    private final List<ServiceStub<?, ?>> stubs = List.of(firehose, eventBridge, sqs, cloudWatch, lambda, bedrock, sns);
    private final ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
    private final LoopbackServer server;
    private volatile Duration latency = Duration.ZERO;

    private LoopbackAws() {
        server = LoopbackServer.start("loopback-aws", new LoopbackDispatcher(stubs, () -> latency, unexpected));
    }

    /** Starts a server on an ephemeral loopback port. */
    public static LoopbackAws start() {
        return new LoopbackAws();
    }

    /** {@code http://127.0.0.1:<port>}, the endpoint override for every client. */
    public URI endpoint() {
        return server.endpoint();
    }

    public FirehoseStub firehose() {
        return firehose;
    }

    public EventBridgeStub eventBridge() {
        return eventBridge;
    }

    public SnsStub sns() {
        return sns;
    }

    public SqsStub sqs() {
        return sqs;
    }

    public LambdaStub lambda() {
        return lambda;
    }

    public CloudWatchStub cloudWatch() {
        return cloudWatch;
    }

    public BedrockStub bedrock() {
        return bedrock;
    }

    /** Fixed latency for every call of services that have none of their own; zero by default. */
    public LoopbackAws latency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must be >= 0, was " + latency);
        }
        this.latency = latency;
        return this;
    }

    /** Calls received for a service ({@code Firehose}, {@code SNS}, ...; case-insensitive) and operation. */
    public int calls(String service, String operation) {
        return stub(service).calls(operation).size();
    }

    /** Entries received in all calls of a service and operation, retries included. */
    public int entries(String service, String operation) {
        return stub(service).calls(operation).stream().mapToInt(c -> c.entries().size()).sum();
    }

    /** Requests the endpoint could not route or decode, and failures inside it; empty when all went well. */
    public List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    /** Forgets all recorded calls, faults, latencies and unexpected requests; the port stays the same. */
    public void reset() {
        stubs.forEach(ServiceStub::reset);
        unexpected.clear();
        latency = Duration.ZERO;
    }

    /**
     * Points a client builder at this endpoint: region {@link #REGION}, static credentials, endpoint override,
     * for sync builders the URL-connection HTTP client, and the SDK's retries <b>off</b> (so tests see each fault
     * and drive retries themselves) unless the builder already has a retry strategy, policy or mode, which is
     * kept. Other override settings already on the builder are kept too.
     */
    public <B extends AwsClientBuilder<B, C>, C> B configure(B builder) {
        return configure(builder, endpoint());
    }

    /** As {@link #configure(AwsClientBuilder)}, for any loopback endpoint of this package. */
    static <B extends AwsClientBuilder<B, C>, C> B configure(B builder, URI endpoint) {
        builder.region(REGION).credentialsProvider(CREDENTIALS).endpointOverride(endpoint);
        ClientOverrideConfiguration override = builder.overrideConfiguration();
        boolean retriesChosen = override.retryStrategy().isPresent() || override.retryPolicy().isPresent()
                || override.retryMode().isPresent() || override.retryStrategyConfigurator().isPresent();
        if (!retriesChosen) {
            builder.overrideConfiguration(override.toBuilder().retryStrategy(AwsRetryStrategy.doNotRetry()).build());
        }
        if (builder instanceof SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClientBuilder(UrlConnectionHttpClient.builder());
        }
        return builder;
    }

    /** {@link #configure(AwsClientBuilder) Configures} and builds a client, e.g. {@code client(SnsClient.builder())}. */
    public <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
        return configure(builder).build();
    }

    /** Stops the server immediately; calls in flight fail on the client side. */
    @Override
    public void close() {
        server.close();
    }

    private ServiceStub<?, ?> stub(String service) {
        return stubs.stream().filter(s -> s.service().toLowerCase(Locale.ROOT).equals(service.toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("service must be one of "
                        + stubs.stream().map(ServiceStub::service).toList() + ", was '" + service + "'"));
    }
}

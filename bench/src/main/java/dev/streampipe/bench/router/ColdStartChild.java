package dev.streampipe.bench.router;

import dev.streampipe.aws.lambda.InvocationContext;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.Sleeper;
import dev.streampipe.aws.lambda.AwsClients;
import dev.streampipe.aws.lambda.StreamEnvironment;
import dev.streampipe.router.RouterHandler;
import dev.streampipe.router.RouterWiring;
import dev.streampipe.router.SessionSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The measured side of {@link ColdStartBenchmark}, run in a fresh JVM on the router's runtime classpath: builds the
 * handler, handles one event, prints {@code COLDSTART <ctor ns> <handle ns> <process cpu ns> <response>} and exits.
 * Modes: {@code noarg} — {@code new RouterHandler()}, exactly as Lambda does (environment, URLConnection client);
 * {@code apache} — the same wiring with the Apache HTTP client; {@code noop} — nothing (the JVM's own floor).
 */
public final class ColdStartChild {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private ColdStartChild() {
    }

    public static void main(String[] args) throws IOException {
        long t0 = System.nanoTime();
        String mode = args[1];
        if (mode.equals("noop")) {
            System.out.println("COLDSTART 0 0 " + cpuNanos() + " {}");
            System.exit(0);
        }
        RouterHandler handler = mode.equals("apache") ? apacheHandler() : new RouterHandler();
        long t1 = System.nanoTime();
        byte[] event = Files.readAllBytes(Path.of(args[0]));
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        long t2 = System.nanoTime();
        handler.handleRequest(new ByteArrayInputStream(event), response, InvocationContext.of("streampipe-router", Duration.ofMinutes(5)));
        long t3 = System.nanoTime();
        System.out.println("COLDSTART " + (t1 - t0) + " " + (t3 - t2) + " " + cpuNanos() + " "
                + response.toString(StandardCharsets.UTF_8));
        System.exit(0);
    }

    /** CPU time of the whole process so far, every thread (JIT and GC included): what one vCPU would have to run. */
    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    private static RouterHandler apacheHandler() {
        Region region = Region.of(System.getenv("AWS_REGION"));
        AwsCredentialsProvider credentials = EnvironmentVariableCredentialsProvider.create();
        AwsClients clients = AwsClients.builder()
                .firehose(apache(FirehoseClient.builder(), region, credentials).build())
                .sns(apache(SnsClient.builder(), region, credentials).build())
                .eventBridge(apache(EventBridgeClient.builder(), region, credentials).build())
                .lambda(apache(LambdaClient.builder(), region, credentials).build())
                .sqs(apache(SqsClient.builder(), region, credentials).build())
                .dynamoDb(apache(DynamoDbClient.builder(), region, credentials).build())
                .build();
        // The aggregations' state in memory until the router's DynamoDB state store is wired by the environment.
        return new RouterHandler(RouterWiring.router(StreamEnvironment.of(System.getenv(), clients,
                Clock.systemUTC(), Sleeper.REAL, RetryPolicy.DEFAULT, System.out::println),
                RouterWiring.inMemoryStateStore(SessionSchema.DEFAULT)));
    }

    /** As {@code AwsClients.configure}, with the Apache client instead of URLConnection. */
    private static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B apache(
            B builder, Region region, AwsCredentialsProvider credentials) {
        return builder.region(region).credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).socketTimeout(TIMEOUT))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallAttemptTimeout(TIMEOUT));
    }
}

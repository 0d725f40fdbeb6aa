package dev.streampipe.router;

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
import java.time.Duration;

/**
 * Builds the router's SDK clients for Lambda: the URLConnection HTTP client (the lightest to start), the region
 * and credentials from the environment without walking provider chains, SDK retries off (the sinks retry per
 * entry within the invocation's remaining time), and per-attempt timeouts. No network call happens here.
 * {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>} redirect clients, as the SDK supports.
 */
public final class AwsClients {
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private AwsClients() {
    }

    public static RouterWiring.Clients fromEnvironment() {
        String regionName = System.getenv("AWS_REGION");
        Region region = Region.of(regionName == null || regionName.isBlank() ? "us-east-1" : regionName);
        AwsCredentialsProvider credentials = System.getenv("AWS_ACCESS_KEY_ID") != null
                ? EnvironmentVariableCredentialsProvider.create() : DefaultCredentialsProvider.builder().build();
        return new RouterWiring.Clients(
                configure(FirehoseClient.builder(), region, credentials).build(),
                configure(SnsClient.builder(), region, credentials).build(),
                configure(EventBridgeClient.builder(), region, credentials).build(),
                configure(LambdaClient.builder(), region, credentials).build(),
                configure(SqsClient.builder(), region, credentials).build(),
                configure(DynamoDbClient.builder(), region, credentials).build());
    }

    /** A builder set up as the router's clients are in Lambda (URLConnection, timeouts, SDK retries off). */
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
}

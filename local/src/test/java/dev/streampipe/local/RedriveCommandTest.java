package dev.streampipe.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** redrive's failures before and around its requests, on loopback only: each a line naming where, never exit 1. */
class RedriveCommandTest {
    private static final AwsRegionProvider US_EAST_1 = () -> Region.US_EAST_1;
    private static final AwsCredentialsProvider ANY = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("testing", "testing"));

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int redrive(URI endpoint, AwsRegionProvider regions) {
        RedriveOptions o = new RedriveOptions(URI.create("http://127.0.0.1/123456789012/on-failure"), "router",
                Optional.of(endpoint), 1);
        return RedriveCommand.run(o, regions, ANY, new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void shouldAskForARegionWhenNoneIsConfigured() {
        // GIVEN no region anywhere the SDK looks
        AwsRegionProvider none = () -> {
            throw SdkClientException.create("Unable to load region from any of the providers in the chain");
        };

        // WHEN redrive runs THEN it is bad configuration, said in one line
        assertThatThrownBy(() -> redrive(URI.create("http://127.0.0.1:1"), none))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("no AWS region configured: set AWS_REGION");
    }

    @Test
    void shouldNameEndpointAndRegionWhenNothingListensThere() throws IOException {
        // GIVEN a loopback port nobody listens on
        URI closed = URI.create("http://127.0.0.1:" + closedPort());

        // WHEN redrive runs against it THEN unreachable (exit 3), endpoint and region named, the queue left as it is
        assertThatThrownBy(() -> redrive(closed, US_EAST_1)).isInstanceOf(EnvironmentException.class)
                .hasMessage("cannot reach AWS at " + closed + " (region us-east-1): connection refused "
                        + "(Connection refused); redrive stopped, and every message not redriven stays in the queue");
        assertThat(out.size()).isZero();
    }

    @Test
    void shouldNameTheServicesAnswerWhenItRefusesTheQueue() throws IOException {
        // GIVEN an SQS endpoint that answers: no such queue
        HttpServer sqs = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        sqs.createContext("/", exchange -> {
            byte[] body = ("{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\","
                    + "\"message\":\"The specified queue does not exist.\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        sqs.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + sqs.getAddress().getPort());

            // WHEN redrive runs THEN it is something to fix first (exit 2), in the service's words
            assertThatThrownBy(() -> redrive(endpoint, US_EAST_1)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining("at " + endpoint + " (region us-east-1) refused the request (HTTP 400)")
                    .hasMessageContaining("The specified queue does not exist.");
        } finally {
            sqs.stop(0);
        }
    }

    @Test
    void shouldNotCountItAsAFunctionErrorWhenTheInvokeApiCannotBeReached() throws IOException {
        // GIVEN a Lambda client whose endpoint nobody listens on (no SDK retries: one refusal is enough here)
        try (LambdaClient lambda = LambdaClient.builder().region(Region.US_EAST_1).credentialsProvider(ANY)
                .endpointOverride(URI.create("http://127.0.0.1:" + closedPort()))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .httpClient(UrlConnectionHttpClient.create()).build()) {

            // WHEN the redrive's invoke runs THEN it says the function was not invoked, which the mapping never retries
            assertThatThrownBy(() -> RedriveCommand.invoke(lambda, "router", "{\"Records\":[]}".getBytes(
                    StandardCharsets.UTF_8))).isInstanceOf(MappingSemantics.NotInvokedException.class)
                    .hasCauseInstanceOf(SdkClientException.class);
        }
    }

    @Test
    void shouldNeitherRetryNorHandOnTheBatchWhenTheFunctionCannotBeInvoked() {
        // GIVEN a mapping with retries and bisection whose invoker cannot reach the function
        List<List<Integer>> invoked = new java.util.ArrayList<>();
        List<Integer> givenUp = new java.util.ArrayList<>();
        MappingSemantics<Integer> mapping = new MappingSemantics<>(String::valueOf,
                new MappingSemantics.Settings(5, true), batch -> {
                    invoked.add(batch);
                    throw new MappingSemantics.NotInvokedException(SdkClientException.create("refused"));
                }, givenUp::addAll, new MappingSemantics.Listener<>() { });

        // WHEN a batch is delivered THEN the failure reaches the caller after one attempt, nothing handed on
        assertThatThrownBy(() -> mapping.deliver(List.of(1, 2, 3, 4)))
                .isInstanceOf(MappingSemantics.NotInvokedException.class);
        assertThat(invoked).hasSize(1);
        assertThat(givenUp).isEmpty();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

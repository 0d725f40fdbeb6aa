package dev.streampipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code redrive --queue-url URL --function NAME [--endpoint URL] [--max-retries N]}: redrives a deployed stack's
 * on-failure queue through its router function (synchronous Invoke with a DynamoDB stream event; the function's
 * {@code batchItemFailures} drive the retries). Credentials and region come from the default chain
 * ({@code AWS_REGION}, profiles); {@code --endpoint} points every client at an emulator.
 *
 * <p>Exit codes: {@link StreampipeLocal#EXIT_OK} when every message was redriven, {@link StreampipeLocal#EXIT_FAILED}
 * when some were kept (each named). Otherwise it throws, and nothing more is redriven (a message is deleted only after
 * its range succeeded, so every message not redriven stays in the queue): a {@link BadInputException} for what must be
 * fixed first (no region or credentials, a queue or function the service does not know, access denied), an
 * {@link EnvironmentException} for a service it could not reach or a summary it could not write.
 */
final class RedriveCommand {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Lambda's longest function timeout: an invoke may take that long to answer. */
    private static final Duration LONGEST_INVOKE = Duration.ofMinutes(15);

    private RedriveCommand() {
    }

    /**
     * Redrives as {@code o} says, with the region and the credentials of the given providers (in production the
     * SDK's default chains).
     */
    static int run(RedriveOptions o, AwsRegionProvider regions, AwsCredentialsProvider credentials, PrintStream out) {
        Region region = region(regions);
        String where = o.endpoint().map(URI::toString).orElse("its endpoints") + " (region " + region.id() + ")";
        Clients clients = new Clients(region, credentials, o.endpoint());
        Redrive.Result result;
        try (SqsClient sqs = clients.build(SqsClient.builder(), UrlConnectionHttpClient.builder());
             DynamoDbStreamsClient streams = clients.build(DynamoDbStreamsClient.builder(),
                     UrlConnectionHttpClient.builder());
             LambdaClient lambda = clients.build(LambdaClient.builder(),
                     UrlConnectionHttpClient.builder().socketTimeout(LONGEST_INVOKE))) {
            result = new Redrive(sqs, streams, new MappingSemantics.Settings(o.maxRetries(), true))
                    .run(o.queueUrl().toString(), (batch, streamArn) -> invoke(lambda, o.function(),
                            LambdaEventJson.event(batch, streamArn)));
        } catch (MappingSemantics.NotInvokedException e) {
            throw stopped(AwsFailures.describe((SdkException) e.getCause(), where));
        } catch (SdkException e) {
            throw stopped(AwsFailures.describe(e, where));
        }
        out.println(result.summary());
        StandardOutput.requireWritten(out, "the redrive's summary (the redrive itself ran: " + result.redriven()
                + " message(s) redriven, " + result.kept().size() + " kept)");
        return result.kept().isEmpty() ? StreampipeLocal.EXIT_OK : StreampipeLocal.EXIT_FAILED;
    }

    /**
     * One synchronous invoke; a function error throws, as the mapping would count it. The invoke API failing
     * throws {@link MappingSemantics.NotInvokedException}, except for an event too large for one invoke, which
     * is counted as a function error so that bisection splits it.
     */
    static List<String> invoke(LambdaClient lambda, String function, byte[] event) {
        InvokeResponse response;
        try {
            response = lambda.invoke(b -> b.functionName(function)
                    .invocationType(InvocationType.REQUEST_RESPONSE).payload(SdkBytes.fromByteArray(event)));
        } catch (RequestTooLargeException e) {
            throw new IllegalStateException("the event is too large for one invoke: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new MappingSemantics.NotInvokedException(e);
        }
        String payload = response.payload() == null ? "" : response.payload().asUtf8String();
        if (response.functionError() != null) {
            throw new IllegalStateException("function error " + response.functionError() + ": " + payload);
        }
        List<String> failures = new ArrayList<>();
        try {
            for (JsonNode f : JSON.readTree(payload.isEmpty() ? "{}" : payload).path("batchItemFailures")) {
                failures.add(f.path("itemIdentifier").asText());
            }
        } catch (IOException e) {
            throw new IllegalStateException("the function's response is not JSON: " + payload, e);
        }
        return failures;
    }

    private static Region region(AwsRegionProvider regions) {
        try {
            return regions.getRegion();
        } catch (SdkClientException e) {
            throw new BadInputException("no AWS region configured: set AWS_REGION or a profile's region (with "
                    + "--endpoint too: requests are signed for a region)", e);
        }
    }

    private static RuntimeException stopped(RuntimeException failure) {
        String text = failure.getMessage() + "; redrive stopped, and every message not redriven stays in the queue";
        return failure instanceof EnvironmentException ? new EnvironmentException(text, failure)
                : new BadInputException(text, failure);
    }

    /** How every client of a redrive is configured. */
    private record Clients(Region region, AwsCredentialsProvider credentials, Optional<URI> endpoint) {
        <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder,
                UrlConnectionHttpClient.Builder http) {
            builder.region(region).credentialsProvider(credentials).httpClientBuilder(http);
            endpoint.ifPresent(builder::endpointOverride);
            return builder.build();
        }
    }
}

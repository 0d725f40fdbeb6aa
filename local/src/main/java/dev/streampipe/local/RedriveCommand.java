package dev.streampipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code redrive --queue-url URL --function NAME [--endpoint URL] [--max-retries N]}: redrives a deployed stack's
 * on-failure queue through its router function (synchronous Invoke with a DynamoDB stream event; the function's
 * {@code batchItemFailures} drive the retries). Credentials and region come from the default chain
 * ({@code AWS_REGION}, profiles); {@code --endpoint} points every client at an emulator. Exit code 0 when every
 * message was redriven, 1 when some were kept (each named), 2 on bad arguments.
 */
final class RedriveCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RedriveCommand() {
    }

    static int run(String[] args, PrintStream out) {
        String queueUrl = null;
        String function = null;
        URI endpoint = null;
        int maxRetries = 2;
        for (int i = 1; i < args.length; i++) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[++i];
            switch (args[i - 1]) {
                case "--queue-url" -> queueUrl = value;
                case "--function" -> function = value;
                case "--endpoint" -> endpoint = URI.create(value);
                case "--max-retries" -> maxRetries = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option '" + args[i - 1] + "'");
            }
        }
        if (queueUrl == null || function == null) {
            throw new IllegalArgumentException("redrive needs --queue-url and --function");
        }
        URI override = endpoint;
        String name = function;
        try (SqsClient sqs = client(SqsClient.builder(), override);
             DynamoDbStreamsClient streams = client(DynamoDbStreamsClient.builder(), override);
             LambdaClient lambda = client(LambdaClient.builder(), override)) {
            Redrive.Result result = new Redrive(sqs, streams, new MappingSemantics.Settings(maxRetries, true))
                    .run(queueUrl, (batch, streamArn) -> invoke(lambda, name, LambdaEventJson.event(batch, streamArn)));
            out.println(result.summary());
            return result.kept().isEmpty() ? 0 : 1;
        }
    }

    /** One synchronous invoke; a function error throws, as the mapping would count it. */
    static List<String> invoke(LambdaClient lambda, String function, byte[] event) {
        InvokeResponse response = lambda.invoke(b -> b.functionName(function)
                .invocationType(InvocationType.REQUEST_RESPONSE).payload(SdkBytes.fromByteArray(event)));
        String payload = response.payload() == null ? "" : response.payload().asUtf8String();
        if (response.functionError() != null) {
            throw new IllegalStateException("function error " + response.functionError() + ": " + payload);
        }
        List<String> failures = new ArrayList<>();
        try {
            for (JsonNode f : JSON.readTree(payload.isEmpty() ? "{}" : payload).path("batchItemFailures")) {
                failures.add(f.path("itemIdentifier").asText());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the function's response is not JSON: " + payload, e);
        }
        return failures;
    }

    private static <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>
            & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C> C client(B builder,
                                                                                                    URI endpoint) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }
}

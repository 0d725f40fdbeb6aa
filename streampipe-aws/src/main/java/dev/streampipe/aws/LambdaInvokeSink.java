package dev.streampipe.aws;

import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.Failure;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.Sink;
import dev.streampipe.core.batch.SinkResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;

/**
 * Asynchronous Lambda Invoke ({@code InvocationType=Event}), one call per message with the body as payload (at
 * most 256 KiB), calls in parallel up to the sender's bound. A payload Lambda rejects as too large or invalid is
 * permanent; throttling and service errors are retried.
 */
public final class LambdaInvokeSink implements Sink {
    private static final Set<String> PERMANENT = Set.of("RequestTooLargeException", "InvalidRequestContentException");
    private final String name;
    private final LambdaClient client;
    private final String functionName;
    private final ChunkedSender<Message> sender;

    public LambdaInvokeSink(String name, LambdaClient client, String functionName, SenderFactory senders) {
        this.name = Objects.requireNonNull(name, "name");
        this.client = Objects.requireNonNull(client, "client");
        this.functionName = Objects.requireNonNull(functionName, "functionName");
        this.sender = senders.create("Lambda.Invoke", BatchLimits.LAMBDA_ASYNC, m -> Utf8.length(m.body()));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SinkResult deliver(List<Message> messages, Deadline deadline) {
        return SinkResult.of(sender.send(messages, this::invoke, deadline));
    }

    private Map<Message, Failure> invoke(List<Message> one) {
        Message m = one.get(0);
        try {
            client.invoke(InvokeRequest.builder().functionName(functionName).invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String(m.body())).build());
            return Map.of();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (code != null && PERMANENT.contains(code)) {
                return Map.of(m, Failure.permanent(code + ": " + e.awsErrorDetails().errorMessage()));
            }
            throw AwsErrors.wholeCall("Lambda.Invoke", e);
        } catch (SdkException e) {
            throw AwsErrors.wholeCall("Lambda.Invoke", e);
        }
    }
}

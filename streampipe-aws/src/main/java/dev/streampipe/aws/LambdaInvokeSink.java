package dev.streampipe.aws;

import dev.streampipe.aws.internal.AwsErrors;
import dev.streampipe.aws.internal.BatchLimits;
import dev.streampipe.aws.internal.ChunkedSender;
import dev.streampipe.aws.internal.SenderFactory;
import dev.streampipe.aws.internal.Utf8;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.Failure;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.Sink;
import dev.streampipe.core.batch.SinkResult;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;

/**
 * Asynchronous Lambda Invoke ({@code InvocationType=Event}) in one of two payload shapes:
 * <ul>
 *   <li>{@linkplain #LambdaInvokeSink(String, LambdaClient, String, SenderFactory) one per message}: the body is
 *   the payload (at most 256 KiB, {@link BatchLimits#LAMBDA_ASYNC}), one call per message, a key's messages in
 *   order ({@link ChunkedSender#ordered});</li>
 *   <li>{@linkplain #batched batched}: the messages of one delivery travel together as
 *   {@code {"<field>":[body,body,...]}} (every body must be a JSON value), as few calls as fit
 *   {@link BatchLimits#LAMBDA_ASYNC_BATCHED} (1 MiB per payload, envelope included); a delivery splits into
 *   several calls only past that size. The payload is the unit of order: a receiver sees all of it at once (the
 *   summary function runs its windows concurrently); across a split, order is not kept.</li>
 * </ul>
 * Calls run in parallel up to the sender's bound. An asynchronous invoke is accepted or refused as a whole, so a
 * call's failure is every one of its messages' failure: a payload Lambda rejects as too large or invalid is
 * permanent for each message in it; throttling and service errors are retried (the whole payload again).
 */
public final class LambdaInvokeSink implements Sink {
    private static final Set<String> PERMANENT = Set.of("RequestTooLargeException", "InvalidRequestContentException");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private final String name;
    private final LambdaClient client;
    private final String functionName;
    private final Optional<String> envelopeField;
    private final ChunkedSender<Message> sender;

    /** One call per message, the body as the payload. */
    public LambdaInvokeSink(String name, LambdaClient client, String functionName, SenderFactory senders) {
        this(name, client, functionName, senders, Optional.empty());
    }

    private LambdaInvokeSink(String name, LambdaClient client, String functionName, SenderFactory senders,
                             Optional<String> envelopeField) {
        this.name = Objects.requireNonNull(name, "name");
        this.client = Objects.requireNonNull(client, "client");
        this.functionName = Objects.requireNonNull(functionName, "functionName");
        this.envelopeField = envelopeField;
        this.sender = envelopeField.isEmpty()
                ? senders.<Message>create("Lambda.Invoke", BatchLimits.LAMBDA_ASYNC, m -> Utf8.length(m.body()))
                        .ordered(Message::orderKey)
                : senders.create("Lambda.Invoke", batchedLimits(envelopeField.get()), m -> Utf8.length(m.body()) + 1);
    }

    /**
     * The messages of a delivery as one payload {@code {"<field>":[body,...]}} (split only past 1 MiB).
     *
     * @param field the envelope's array field, a plain identifier such as {@code windows}
     */
    public static LambdaInvokeSink batched(String name, LambdaClient client, String functionName,
                                           SenderFactory senders, String field) {
        Objects.requireNonNull(field, "field");
        if (!FIELD.matcher(field).matches()) {
            throw new IllegalArgumentException("envelope field must match " + FIELD + ", was '" + field + "'");
        }
        return new LambdaInvokeSink(name, client, functionName, senders, Optional.of(field));
    }

    /**
     * The batched shape's limits once the envelope is paid for: each entry is sized as its body plus one separator
     * byte, so entries fitting {@code 1 MiB - len({"field":[]})} make a payload of at most 1 MiB.
     */
    static BatchLimits batchedLimits(String field) {
        long envelope = envelope(field, "").getBytes(StandardCharsets.UTF_8).length;
        long room = BatchLimits.LAMBDA_ASYNC_BATCHED.maxCallBytes() - envelope + 1; // the last entry has no comma
        return new BatchLimits(BatchLimits.LAMBDA_ASYNC_BATCHED.maxEntries(), room, room);
    }

    private static String envelope(String field, String joined) {
        return "{\"" + field + "\":[" + joined + "]}";
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SinkResult deliver(List<Message> messages, Deadline deadline) {
        return SinkResult.of(sender.send(messages, this::invoke, deadline));
    }

    private Map<Message, Failure> invoke(List<Message> chunk) {
        String payload = envelopeField
                .map(f -> envelope(f, String.join(",", chunk.stream().map(Message::body).toList())))
                .orElseGet(() -> chunk.get(0).body());
        try {
            client.invoke(InvokeRequest.builder().functionName(functionName).invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String(payload)).build());
            return Map.of();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if (code != null && PERMANENT.contains(code)) {
                Failure failure = Failure.permanent(code + ": " + e.awsErrorDetails().errorMessage());
                Map<Message, Failure> failed = new LinkedHashMap<>();
                chunk.forEach(m -> failed.put(m, failure));
                return failed;
            }
            throw AwsErrors.wholeCall("Lambda.Invoke", e);
        } catch (SdkException e) {
            throw AwsErrors.wholeCall("Lambda.Invoke", e);
        }
    }
}

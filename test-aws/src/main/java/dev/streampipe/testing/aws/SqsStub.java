package dev.streampipe.testing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Amazon SQS {@code SendMessage} and {@code SendMessageBatch} over AWS JSON 1.0 ({@code X-Amz-Target:
 * AmazonSQS.<Operation>}). Entries are {@link SqsEntry}s. Accepted messages are answered with a
 * {@code MessageId} and the exact MD5 digests the SDK verifies; injected entry failures appear in
 * {@code Failed[]} with {@code Code}, {@code Message} and {@code SenderFault}. Errors use SQS's query-compatible
 * shape ({@code __type: com.amazonaws.sqs#Code} plus the {@code x-amzn-query-error} header);
 * {@link #throttle(int)} answers {@code RequestThrottled} with HTTP 400, which the SDK raises as
 * {@code RequestThrottledException}.
 */
public final class SqsStub extends ServiceStub<SqsEntry, SqsStub> {

    /** Service name for {@link LoopbackAws#calls(String, String)}. */
    public static final String SERVICE = "SQS";
    private static final String TARGET_PREFIX = "AmazonSQS";

    private final JsonProtocol protocol = JsonProtocol.awsJson10QueryCompatible("com.amazonaws.sqs#");

    SqsStub() {
        super(SERVICE);
    }

    @Override
    boolean accepts(LoopbackRequest request) {
        return JsonProtocol.targetOperation(request, TARGET_PREFIX) != null;
    }

    @Override
    Operation<SqsEntry> decode(LoopbackRequest request) {
        String operation = JsonProtocol.targetOperation(request, TARGET_PREFIX);
        JsonNode body = JsonProtocol.read(request.body());
        String queueUrl = JsonProtocol.text(body, "QueueUrl");
        List<SqsEntry> entries = new ArrayList<>();
        switch (operation) {
            case "SendMessageBatch" -> body.path("Entries").forEach(e -> entries.add(entry(queueUrl, e)));
            case "SendMessage" -> entries.add(entry(queueUrl, body));
            default -> throw new UnsupportedRequestException("SQS operation not served: " + operation);
        }
        return new Operation<>(operation, entries, operation.equals("SendMessageBatch"));
    }

    private static SqsEntry entry(String queueUrl, JsonNode entry) {
        return new SqsEntry(queueUrl, JsonProtocol.text(entry, "Id"), JsonProtocol.text(entry, "MessageBody"),
                JsonProtocol.integer(entry, "DelaySeconds"), JsonProtocol.text(entry, "MessageGroupId"),
                JsonProtocol.text(entry, "MessageDeduplicationId"),
                JsonProtocol.messageAttributes(entry, "MessageAttributes"));
    }

    @Override
    InjectedError throttlingError() {
        return new InjectedError("RequestThrottled", "Rate exceeded", 400);
    }

    @Override
    LoopbackResponse success(RecordedCall<SqsEntry> call) {
        if (call.operation().equals("SendMessage")) {
            return protocol.ok(200, sent(JsonProtocol.object(), call.entries().get(0)));
        }
        ObjectNode body = JsonProtocol.object();
        ArrayNode successful = body.putArray("Successful");
        ArrayNode failed = body.putArray("Failed");
        for (int i = 0; i < call.entries().size(); i++) {
            SqsEntry entry = call.entries().get(i);
            InjectedError error = call.entryErrors().get(i);
            if (error == null) {
                sent(successful.addObject().put("Id", entry.id()), entry);
            } else {
                failed.addObject().put("Id", entry.id()).put("SenderFault", !error.serverFault())
                        .put("Code", error.code()).put("Message", error.message());
            }
        }
        return protocol.ok(200, body);
    }

    private static ObjectNode sent(ObjectNode result, SqsEntry entry) {
        result.put("MessageId", Ids.next()).put("MD5OfMessageBody", SqsDigests.ofBody(entry.messageBody()));
        String attributesDigest = SqsDigests.ofAttributes(entry.messageAttributes());
        if (attributesDigest != null) {
            result.put("MD5OfMessageAttributes", attributesDigest);
        }
        return result;
    }

    @Override
    LoopbackResponse failure(InjectedError error) {
        return protocol.error(error);
    }
}

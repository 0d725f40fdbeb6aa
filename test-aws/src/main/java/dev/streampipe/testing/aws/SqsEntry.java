package dev.streampipe.testing.aws;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message of an SQS {@code SendMessage} or {@code SendMessageBatch} call.
 *
 * @param queueUrl               {@code QueueUrl} of the call
 * @param id                     batch entry {@code Id}, or {@code null} for {@code SendMessage}
 * @param messageBody            {@code MessageBody}
 * @param delaySeconds           {@code DelaySeconds}, or {@code null}
 * @param messageGroupId         {@code MessageGroupId} (FIFO), or {@code null}
 * @param messageDeduplicationId {@code MessageDeduplicationId} (FIFO), or {@code null}
 * @param messageAttributes      {@code MessageAttributes} by name, in request order
 */
public record SqsEntry(String queueUrl, String id, String messageBody, Integer delaySeconds, String messageGroupId,
                       String messageDeduplicationId, Map<String, MessageAttribute> messageAttributes) {

    public SqsEntry {
        messageAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(messageAttributes));
    }
}

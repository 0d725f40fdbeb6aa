package dev.streampipe.testing.aws;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One message of an SNS {@code Publish} or {@code PublishBatch} call.
 *
 * @param topicArn               {@code TopicArn} (or {@code TargetArn} for {@code Publish} to an endpoint)
 * @param id                     batch entry {@code Id}, or {@code null} for {@code Publish}
 * @param message                {@code Message}
 * @param subject                {@code Subject}, or {@code null}
 * @param messageGroupId         {@code MessageGroupId} (FIFO), or {@code null}
 * @param messageDeduplicationId {@code MessageDeduplicationId} (FIFO), or {@code null}
 * @param messageAttributes      {@code MessageAttributes} by name, in request order
 */
public record SnsEntry(String topicArn, String id, String message, String subject, String messageGroupId,
                       String messageDeduplicationId, Map<String, MessageAttribute> messageAttributes) {

    public SnsEntry {
        messageAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(messageAttributes));
    }

    /** The string value of a message attribute, or {@code null} when absent. */
    public String attribute(String name) {
        MessageAttribute attribute = messageAttributes.get(name);
        return attribute == null ? null : attribute.stringValue();
    }
}

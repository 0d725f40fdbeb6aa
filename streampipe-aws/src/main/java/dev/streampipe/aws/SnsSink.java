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
import dev.streampipe.core.topology.SnsOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;

/**
 * SNS PublishBatch: at most 10 entries and 256 KiB per call. A message's {@link dev.streampipe.core.topology.SnsOptions}
 * give its String message attributes (so subscriptions can filter on {@code event_type}, {@code agent_id},
 * {@code reason}) and its {@code Subject}; its {@link dev.streampipe.core.topology.FifoOptions}, for a FIFO topic (ARN ending in
 * {@code .fifo}; a standard topic ignores them), its {@code MessageGroupId} and {@code MessageDeduplicationId} (a
 * FIFO topic rejects a message without a group id: the entry fails permanently). Only the entries in {@code Failed[]} are resent,
 * and a sender fault is permanent. Messages of one order key go out in order: a later one is held back while an earlier
 * one failed ({@link ChunkedSender#ordered}).
 */
public final class SnsSink implements Sink {
    private final String name;
    private final SnsClient client;
    private final String topicArn;
    private final boolean fifo;
    private final ChunkedSender<Message> sender;

    public SnsSink(String name, SnsClient client, String topicArn, SenderFactory senders) {
        this.name = Objects.requireNonNull(name, "name");
        this.client = Objects.requireNonNull(client, "client");
        this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
        this.fifo = topicArn.endsWith(".fifo");
        this.sender = senders.<Message>create("SNS.PublishBatch", BatchLimits.SNS, SnsSink::size)
                .ordered(Message::orderKey);
    }

    /** Message plus attribute names, types and values, as SNS counts them. */
    static long size(Message m) {
        long n = Utf8.length(m.body());
        for (Map.Entry<String, String> a : m.sns().messageAttributes().entrySet()) {
            n += Utf8.length(a.getKey()) + "String".length() + Utf8.length(a.getValue());
        }
        return n;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SinkResult deliver(List<Message> messages, Deadline deadline) {
        return SinkResult.of(sender.send(messages, this::publish, deadline));
    }

    private Map<Message, Failure> publish(List<Message> chunk) {
        List<PublishBatchRequestEntry> entries = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            Message m = chunk.get(i);
            SnsOptions options = m.sns();
            Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
            options.messageAttributes().forEach((k, v) -> attributes.put(k,
                    MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
            PublishBatchRequestEntry.Builder entry = PublishBatchRequestEntry.builder().id("m" + i).message(m.body())
                    .messageAttributes(attributes).subject(options.subjectOrNull());
            if (fifo) {
                m.fifo().ifPresent(f -> entry.messageGroupId(f.groupId())
                        .messageDeduplicationId(f.deduplicationIdOrNull()));
            }
            entries.add(entry.build());
        }
        PublishBatchResponse response;
        try {
            response = client.publishBatch(PublishBatchRequest.builder().topicArn(topicArn)
                    .publishBatchRequestEntries(entries).build());
        } catch (SdkException e) {
            throw AwsErrors.wholeCall("SNS.PublishBatch", e);
        }
        Map<Message, Failure> failed = new LinkedHashMap<>();
        for (BatchResultErrorEntry e : response.failed()) {
            Message m = byId(chunk, e.id());
            failed.put(m, AwsErrors.entry(e.code(), e.message(), Boolean.TRUE.equals(e.senderFault())));
        }
        return failed;
    }

    static Message byId(List<Message> chunk, String id) {
        try {
            return chunk.get(Integer.parseInt(id.substring(1)));
        } catch (RuntimeException e) {
            throw new IllegalStateException("service reported a failure for unknown entry id '" + id + "'", e);
        }
    }
}

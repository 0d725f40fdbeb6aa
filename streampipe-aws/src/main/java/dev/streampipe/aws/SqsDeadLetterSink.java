package dev.streampipe.aws;

import dev.streampipe.core.batch.DeadLetter;
import dev.streampipe.core.batch.DeadLetterSink;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.Failure;
import dev.streampipe.core.batch.RetryableSinkException;
import dev.streampipe.core.json.JsonStrings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Poison records to SQS (SendMessageBatch, at most 10 and 256 KiB per call): one JSON message per record with the
 * reason, the route, the event id, the sequence number and the raw record. A raw record too large for one message
 * is cut to fit and marked {@code "truncated": true} (the keys, id and sequence number still identify it). Throws
 * {@link RetryableSinkException} unless every letter is stored.
 */
public final class SqsDeadLetterSink implements DeadLetterSink {
    private static final int ENVELOPE_ROOM = 4 * 1024;
    private final SqsClient client;
    private final String queueUrl;
    private final ChunkedSender<String> sender;

    public SqsDeadLetterSink(SqsClient client, String queueUrl, SenderFactory senders) {
        this.client = Objects.requireNonNull(client, "client");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.sender = senders.create("SQS.SendMessageBatch", BatchLimits.SQS, Utf8::length);
    }

    @Override
    public String name() {
        return "dead-letters";
    }

    /** The message body of one dead letter. */
    public static String body(DeadLetter l) {
        String raw = l.raw().json();
        long max = BatchLimits.SQS.maxEntryBytes() - ENVELOPE_ROOM - Utf8.length(l.reason());
        boolean truncated = Utf8.length(raw) > max;
        StringBuilder sb = new StringBuilder(raw.length() + 512).append('{');
        sb.append("\"reason\":").append(JsonStrings.quote(l.reason()));
        sb.append(",\"route\":").append(l.routeOrNull() == null ? "null" : JsonStrings.quote(l.routeOrNull()));
        sb.append(",\"recordIndex\":").append(l.recordIndex());
        sb.append(",\"eventId\":").append(l.eventIdOrNull() == null ? "null" : JsonStrings.quote(l.eventIdOrNull()));
        sb.append(",\"sequenceNumber\":").append(l.sequenceNumberOrNull() == null ? "null" : JsonStrings.quote(l.sequenceNumberOrNull()));
        sb.append(",\"truncated\":").append(truncated);
        if (truncated) {
            // Cut on a character boundary well inside the limit; as a string, since a cut object is not JSON.
            sb.append(",\"recordText\":").append(JsonStrings.quote(raw.substring(0, (int) Math.min(raw.length(), max / 3))));
        } else {
            sb.append(",\"record\":").append(raw);
        }
        return sb.append('}').toString();
    }

    @Override
    public void deadLetter(List<DeadLetter> letters, Deadline deadline) {
        List<String> bodies = new ArrayList<>(letters.size());
        for (DeadLetter l : letters) {
            bodies.add(body(l));
        }
        Map<String, Failure> failed = sender.send(bodies, this::send, deadline);
        if (!failed.isEmpty()) {
            throw new RetryableSinkException(failed.size() + " of " + letters.size()
                    + " dead letters not stored; first: " + failed.values().iterator().next().reason());
        }
    }

    private Map<String, Failure> send(List<String> chunk) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(chunk.get(i)).build());
        }
        SendMessageBatchResponse response;
        try {
            response = client.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(queueUrl).entries(entries).build());
        } catch (SdkException e) {
            throw AwsErrors.wholeCall("SQS.SendMessageBatch", e);
        }
        Map<String, Failure> failed = new LinkedHashMap<>();
        for (BatchResultErrorEntry e : response.failed()) {
            int index = Integer.parseInt(e.id().substring(1));
            // Even a sender fault is retried: a dead letter is never dropped.
            failed.put(chunk.get(index), Failure.retryable(e.code() + ": " + e.message()));
        }
        return failed;
    }
}

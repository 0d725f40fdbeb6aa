package dev.streampipe.aws;

import dev.streampipe.aws.internal.AwsErrors;
import dev.streampipe.aws.internal.BatchLimits;
import dev.streampipe.aws.internal.ChunkedSender;
import dev.streampipe.aws.internal.SenderFactory;
import dev.streampipe.aws.internal.Utf8;
import dev.streampipe.core.batch.DeadLetter;
import dev.streampipe.core.batch.DeadLetterSink;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.Failure;
import dev.streampipe.core.batch.RetryableSinkException;
import dev.streampipe.core.json.JsonStrings;
import dev.streampipe.core.topology.FifoOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Poison records to SQS (SendMessageBatch, at most 10 and 256 KiB per call): one JSON message per record with the
 * reason, the route, the event id, the sequence number and the raw record. A raw record too large for one message
 * is cut to fit: {@code "recordText"} holds its start as a string, {@code "recordChars"} its whole length, and
 * {@code "truncated": true} marks it (the keys, id and sequence number still identify it). Throws
 * {@link RetryableSinkException} unless every letter is stored. To a FIFO queue (URL ending in {@code .fifo}) each
 * letter carries the {@link FifoOptions} of {@link #fifoOptions(DeadLetter)}, or of the function given.
 */
public final class SqsDeadLetterSink implements DeadLetterSink {
    private static final int ENVELOPE_ROOM = 4 * 1024;
    private static final String UNDECODABLE_GROUP = "undecodable";
    private final SqsClient client;
    private final String queueUrl;
    private final Function<DeadLetter, FifoOptions> fifoOrNull;
    private final ChunkedSender<Letter> sender;

    /** One message: its body and, for a FIFO queue, its ids. */
    private record Letter(String body, FifoOptions fifoOrNull) {
    }

    /** To a standard queue, or to a FIFO queue with {@link #fifoOptions(DeadLetter)}. */
    public SqsDeadLetterSink(SqsClient client, String queueUrl, SenderFactory senders) {
        this(client, queueUrl, senders, Objects.requireNonNull(queueUrl, "queueUrl").endsWith(".fifo")
                ? SqsDeadLetterSink::fifoOptions : null);
    }

    /** To a FIFO queue with these ids per letter ({@code null}: a standard queue, no ids). */
    public SqsDeadLetterSink(SqsClient client, String queueUrl, SenderFactory senders,
                             Function<DeadLetter, FifoOptions> fifoOrNull) {
        this.client = Objects.requireNonNull(client, "client");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.fifoOrNull = fifoOrNull;
        this.sender = senders.create("SQS.SendMessageBatch", BatchLimits.SQS, l -> Utf8.length(l.body()));
    }

    /**
     * A FIFO dead letter's ids: the group is the rejecting route ({@code undecodable} for a record that could not
     * be decoded), so letters of one route stay in order; the de-duplication id is the effect key
     * {@code <eventID>#<route>} (its SHA-256 when longer than 128 characters), or, without an event id, the SHA-256
     * of the raw record, so a redelivered batch does not store a letter twice within SQS's five-minute window.
     */
    public static FifoOptions fifoOptions(DeadLetter l) {
        String route = l.routeOrNull() == null ? UNDECODABLE_GROUP : l.routeOrNull();
        String key = l.eventIdOrNull() == null ? null : l.eventIdOrNull() + "#" + route;
        String dedupe;
        if (key != null && key.length() <= FifoOptions.MAX_ID_LENGTH && key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            dedupe = key;
        } else {
            dedupe = sha256(key != null ? key : l.recordIndex() + "#" + route + "#" + l.raw().json());
        }
        return FifoOptions.group(route).deduplicationId(dedupe);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String name() {
        return "dead-letters";
    }

    /** The message body of one dead letter. */
    public static String body(DeadLetter l) {
        String raw = l.raw().json();
        String reason = JsonStrings.quote(l.reason());
        // The reason is bounded (DeadLetter.MAX_REASON_CHARS, at most 6 bytes a character quoted): max stays positive.
        long max = BatchLimits.SQS.maxEntryBytes() - ENVELOPE_ROOM - Utf8.length(reason);
        boolean truncated = Utf8.length(raw) > max;
        StringBuilder sb = new StringBuilder(raw.length() + 512).append('{');
        sb.append("\"reason\":").append(reason);
        sb.append(",\"route\":").append(l.routeOrNull() == null ? "null" : JsonStrings.quote(l.routeOrNull()));
        sb.append(",\"recordIndex\":").append(l.recordIndex());
        sb.append(",\"eventId\":").append(l.eventIdOrNull() == null ? "null" : JsonStrings.quote(l.eventIdOrNull()));
        sb.append(",\"sequenceNumber\":").append(l.sequenceNumberOrNull() == null ? "null" : JsonStrings.quote(l.sequenceNumberOrNull()));
        sb.append(",\"truncated\":").append(truncated);
        if (truncated) {
            // Cut on a character boundary well inside the limit; as a string, since a cut object is not JSON.
            // An exact prefix, never half a surrogate pair, and how long the whole was.
            int cut = (int) Math.min(raw.length(), max / 6);
            cut = cut > 0 && Character.isHighSurrogate(raw.charAt(cut - 1)) ? cut - 1 : cut;
            sb.append(",\"recordText\":").append(JsonStrings.quote(raw.substring(0, cut)));
            sb.append(",\"recordChars\":").append(raw.length());
        } else {
            sb.append(",\"record\":").append(raw);
        }
        return sb.append('}').toString();
    }

    @Override
    public void deadLetter(List<DeadLetter> letters, Deadline deadline) {
        List<Letter> bodies = new ArrayList<>(letters.size());
        for (DeadLetter l : letters) {
            bodies.add(new Letter(body(l), fifoOrNull == null ? null : fifoOrNull.apply(l)));
        }
        Map<Letter, Failure> failed = sender.send(bodies, this::send, deadline);
        if (!failed.isEmpty()) {
            throw new RetryableSinkException(failed.size() + " of " + letters.size()
                    + " dead letters not stored; first: " + failed.values().iterator().next().reason());
        }
    }

    private Map<Letter, Failure> send(List<Letter> chunk) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            Letter l = chunk.get(i);
            SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder().id("m" + i)
                    .messageBody(l.body());
            if (l.fifoOrNull() != null) {
                entry.messageGroupId(l.fifoOrNull().groupId())
                        .messageDeduplicationId(l.fifoOrNull().deduplicationIdOrNull());
            }
            entries.add(entry.build());
        }
        SendMessageBatchResponse response;
        try {
            response = client.sendMessageBatch(SendMessageBatchRequest.builder().queueUrl(queueUrl).entries(entries).build());
        } catch (SdkException e) {
            throw AwsErrors.wholeCall("SQS.SendMessageBatch", e);
        }
        Map<Letter, Failure> failed = new LinkedHashMap<>();
        for (BatchResultErrorEntry e : response.failed()) {
            int index = Integer.parseInt(e.id().substring(1));
            // Even a sender fault is retried: a dead letter is never dropped.
            failed.put(chunk.get(index), Failure.retryable(e.code() + ": " + e.message()));
        }
        return failed;
    }
}

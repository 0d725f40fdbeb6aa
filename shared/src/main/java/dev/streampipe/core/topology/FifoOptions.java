package dev.streampipe.core.topology;

import java.util.Objects;

/**
 * Per-message options for a FIFO SNS topic or SQS queue: the {@code MessageGroupId} (messages of one group are
 * delivered in order) and, optionally, the {@code MessageDeduplicationId} (without one, the topic or queue must
 * use content-based de-duplication). Immutable and checked where made, naming the bad value:
 * <pre>{@code
 * Payload.of(body).with(FifoOptions.group(orderId).deduplicationId(record.eventId()))
 * }</pre>
 * Both ids are 1..128 letters, digits and punctuation ({@code !"#$%&'()*+,-./:;<=>?@[\]^_`{|}~}).
 */
public final class FifoOptions {
    public static final int MAX_ID_LENGTH = 128;

    private final String groupId;
    private final String deduplicationIdOrNull;

    private FifoOptions(String groupId, String deduplicationIdOrNull) {
        this.groupId = groupId;
        this.deduplicationIdOrNull = deduplicationIdOrNull;
    }

    /** Messages in this ordering group. */
    public static FifoOptions group(String groupId) {
        return new FifoOptions(OptionText.printableId("FIFO message group id", groupId, MAX_ID_LENGTH), null);
    }

    /** These options with an explicit de-duplication id. */
    public FifoOptions deduplicationId(String deduplicationId) {
        return new FifoOptions(groupId,
                OptionText.printableId("FIFO message deduplication id", deduplicationId, MAX_ID_LENGTH));
    }

    public String groupId() {
        return groupId;
    }

    public String deduplicationIdOrNull() {
        return deduplicationIdOrNull;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FifoOptions other && groupId.equals(other.groupId)
                && Objects.equals(deduplicationIdOrNull, other.deduplicationIdOrNull);
    }

    @Override
    public int hashCode() {
        return Objects.hash(groupId, deduplicationIdOrNull);
    }

    @Override
    public String toString() {
        return "FifoOptions[group=" + groupId + ", deduplicationId=" + deduplicationIdOrNull + "]";
    }
}

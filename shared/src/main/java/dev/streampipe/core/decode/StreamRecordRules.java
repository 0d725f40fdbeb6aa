package dev.streampipe.core.decode;

import dev.streampipe.core.record.AttributeValue;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.record.ItemSize;
import dev.streampipe.core.record.Texts;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * The rules a DynamoDB Streams record's envelope keeps, shared by every reader of stream events (the JSON decoder
 * here, the runtime's reader of the Lambda events library's {@code DynamodbEvent}), so a record is refused for the
 * same reasons whichever way it came. Stateless.
 */
public final class StreamRecordRules {
    /** DynamoDB's limit on a partition key value (a sort key's is 1,024). */
    public static final int MAX_KEY_BYTES = 2048;
    /** AWS writes 32 hexadecimal digits; this leaves room for other producers, not for unbounded text. */
    public static final int MAX_EVENT_ID_CHARS = 256;
    /** DynamoDB's sequence numbers have 21 to 40 digits. */
    public static final int MAX_SEQUENCE_DIGITS = 64;
    /** The earliest creation time a record may carry (DynamoDB Streams began in 2014). */
    public static final Instant EARLIEST_CREATION_TIME = Instant.parse("2012-01-01T00:00:00Z");
    /** The first creation time past the plausible ones. */
    public static final Instant LATEST_CREATION_TIME = Instant.parse("2200-01-01T00:00:00Z");
    private static final BigDecimal EARLIEST_SECONDS = BigDecimal.valueOf(EARLIEST_CREATION_TIME.getEpochSecond());
    private static final BigDecimal LATEST_SECONDS = BigDecimal.valueOf(LATEST_CREATION_TIME.getEpochSecond());
    private static final BigDecimal EARLIEST_MILLIS = EARLIEST_SECONDS.movePointRight(3);
    private static final BigDecimal LATEST_MILLIS = LATEST_SECONDS.movePointRight(3);

    private StreamRecordRules() {
    }

    /** Where a record breaks a rule ({@code field}, a path like {@code dynamodb.Keys.sku.S}) and why. */
    public record Violation(String field, String reason) {
    }

    /** Whether {@code s} is a sequence number as DynamoDB writes them: 1 to 64 decimal digits. */
    public static boolean isSequenceNumber(String s) {
        return s != null && sequenceNumberProblem(s) == null;
    }

    /** Why {@code s} is not a sequence number (empty, too long, not digits), or {@code null} when it is one. */
    public static String sequenceNumberProblem(String s) {
        if (s.isEmpty()) {
            return "must not be empty";
        }
        if (s.length() > MAX_SEQUENCE_DIGITS) {
            return "must be at most " + MAX_SEQUENCE_DIGITS + " digits, was " + s.length() + ": '"
                    + Texts.abbreviate(s, 40) + "'";
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return "must be decimal digits, was '" + Texts.abbreviate(s, 40) + "'";
            }
        }
        return null;
    }

    /**
     * The instant {@code epoch} stands for: epoch seconds when it lies in 2012..2200 as seconds (as Lambda sends
     * {@code ApproximateCreationDateTime}), epoch milliseconds when it lies there as milliseconds (as some serializers
     * write it); {@code null} when it is neither.
     */
    public static Instant creationTime(BigDecimal epoch) {
        BigDecimal seconds = epoch.compareTo(EARLIEST_SECONDS) >= 0 && epoch.compareTo(LATEST_SECONDS) < 0 ? epoch
                : epoch.compareTo(EARLIEST_MILLIS) >= 0 && epoch.compareTo(LATEST_MILLIS) < 0 ? epoch.movePointLeft(3)
                : null;
        if (seconds == null) {
            return null;
        }
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    /**
     * The first key attribute that breaks DynamoDB's rules for keys (a non-empty name; a non-empty {@code S},
     * {@code N} or {@code B} of at most {@value #MAX_KEY_BYTES} bytes), or a key of other than one or two
     * attributes; {@code null} when the keys keep every rule.
     */
    public static Violation keysViolation(Item keys) {
        if (keys.size() == 0) {
            return new Violation("dynamodb.Keys", "must name at least one key attribute");
        }
        if (keys.size() > 2) {
            return new Violation("dynamodb.Keys", "a DynamoDB key has a partition key and at most a sort key, was "
                    + keys.size() + " attributes");
        }
        for (Map.Entry<String, AttributeValue> key : keys.attributes().entrySet()) {
            String field = "dynamodb.Keys." + key.getKey();
            if (key.getKey().isEmpty()) {
                return new Violation(field, "a key attribute name must not be empty");
            }
            AttributeValue v = key.getValue();
            long bytes;
            if (v instanceof AttributeValue.S str) {
                bytes = ItemSize.utf8Length(str.value());
            } else if (v instanceof AttributeValue.B bin) {
                bytes = bin.value().length();
            } else if (v instanceof AttributeValue.N) {
                bytes = 1;
            } else {
                return new Violation(field, "a key attribute must be of type S, N or B, was " + v.type());
            }
            if (bytes == 0) {
                return new Violation(field + "." + v.type(), "a key attribute must not be empty");
            }
            if (bytes > MAX_KEY_BYTES) {
                return new Violation(field + "." + v.type(), "a key attribute must be at most " + MAX_KEY_BYTES
                        + " bytes, was " + bytes);
            }
        }
        return null;
    }
}

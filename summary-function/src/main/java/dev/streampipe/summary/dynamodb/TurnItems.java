package dev.streampipe.summary.dynamodb;

import dev.streampipe.session.SessionKeys;
import dev.streampipe.summary.CompressedText;
import dev.streampipe.summary.PermanentSummaryException;
import dev.streampipe.summary.Turn;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Decodes turn items: the number from the sort key (cross-checked against {@code turn_number} when
 * present), {@code role} ({@code unknown} when absent), and {@code content} as text ({@code S}) or
 * zlib-compressed UTF-8 ({@code B}). Anything else is a corrupt item, reported with its keys.
 */
final class TurnItems {

    static final String TURN_NUMBER = "turn_number";
    static final String ROLE = "role";
    static final String CONTENT = "content";

    private final String table;
    private final String partitionKeyName;
    private final String sortKeyName;
    private final SessionKeys keys;

    TurnItems(String table, String partitionKeyName, String sortKeyName, SessionKeys keys) {
        this.table = table;
        this.partitionKeyName = partitionKeyName;
        this.sortKeyName = sortKeyName;
        this.keys = keys;
    }

    Turn decode(Map<String, AttributeValue> item) {
        long number = number(item);
        AttributeValue role = item.get(ROLE);
        if (role != null && role.s() == null) {
            throw corrupt(item, "role is not a string");
        }
        return new Turn(number, role == null ? "unknown" : role.s(), content(item));
    }

    private long number(Map<String, AttributeValue> item) {
        AttributeValue sk = item.get(sortKeyName);
        long number;
        try {
            number = keys.turnNumber(sk == null ? null : sk.s());
        } catch (IllegalArgumentException e) {
            throw new PermanentSummaryException(describe(item) + " is corrupt: " + e.getMessage(), e);
        }
        AttributeValue declared = item.get(TURN_NUMBER);
        if (declared != null && !String.valueOf(number).equals(declared.n())) {
            throw corrupt(item, TURN_NUMBER + " " + declared + " does not match its sort key");
        }
        return number;
    }

    private String content(Map<String, AttributeValue> item) {
        AttributeValue content = item.get(CONTENT);
        if (content == null) {
            throw corrupt(item, "it has no " + CONTENT + " attribute");
        }
        if (content.s() != null) {
            return content.s();
        }
        if (content.b() != null) {
            try {
                return CompressedText.inflate(content.b().asByteArrayUnsafe());
            } catch (IllegalArgumentException e) {
                throw new PermanentSummaryException(describe(item) + " is corrupt: binary " + CONTENT
                        + " is not zlib-compressed UTF-8 (" + e.getMessage() + ")", e);
            }
        }
        throw corrupt(item, CONTENT + " is " + content.type() + ", expected S or B");
    }

    private PermanentSummaryException corrupt(Map<String, AttributeValue> item, String why) {
        return new PermanentSummaryException(describe(item) + " is corrupt: " + why);
    }

    private String describe(Map<String, AttributeValue> item) {
        return "turn item " + keyText(item.get(partitionKeyName)) + " / " + keyText(item.get(sortKeyName))
                + " in table " + table;
    }

    private static String keyText(AttributeValue value) {
        return value == null ? "(missing)" : value.s() != null ? value.s() : value.toString();
    }
}

package dev.streampipe.summary.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.session.SessionKeys;
import dev.streampipe.summary.CompressedText;
import dev.streampipe.summary.PermanentSummaryException;
import dev.streampipe.summary.Turn;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class TurnItemsTest {

    private final TurnItems items = new TurnItems("sessions", "PK", "SK", SessionKeys.DEFAULT);

    @Test
    void shouldDecodeTextAndCompressedTurns() {
        // WHEN / THEN
        assertThat(items.decode(item("TURN#000003", AttributeValue.fromS("hi"))))
                .isEqualTo(new Turn(3, "user", "hi"));
        assertThat(items.decode(item("TURN#000004",
                AttributeValue.fromB(SdkBytes.fromByteArray(CompressedText.deflate("packed"))))))
                .isEqualTo(new Turn(4, "user", "packed"));
    }

    @Test
    void shouldUseUnknownRoleWhenItemHasNone() {
        // GIVEN
        Map<String, AttributeValue> item = item("TURN#000001", AttributeValue.fromS("x"));
        item.remove("role");

        // WHEN / THEN
        assertThat(items.decode(item).role()).isEqualTo("unknown");
    }

    @Test
    void shouldNameItemWhenTurnIsCorrupt() {
        // GIVEN items broken in different ways
        Map<String, AttributeValue> noContent = item("TURN#000001", AttributeValue.fromS("x"));
        noContent.remove("content");
        Map<String, AttributeValue> wrongNumber = item("TURN#000002", AttributeValue.fromS("x"));
        wrongNumber.put("turn_number", AttributeValue.fromN("20"));
        Map<String, AttributeValue> numericRole = item("TURN#000003", AttributeValue.fromS("x"));
        numericRole.put("role", AttributeValue.fromN("1"));
        Map<String, AttributeValue> badKey = item("TURN#3", AttributeValue.fromS("x"));

        // WHEN / THEN
        assertThatThrownBy(() -> items.decode(noContent)).isInstanceOf(PermanentSummaryException.class)
                .hasMessage("turn item SESSION#s-1 / TURN#000001 in table sessions is corrupt: it has no content attribute");
        assertThatThrownBy(() -> items.decode(wrongNumber))
                .hasMessageStartingWith("turn item SESSION#s-1 / TURN#000002 in table sessions is corrupt: turn_number")
                .hasMessageEndingWith("does not match its sort key");
        assertThatThrownBy(() -> items.decode(numericRole))
                .hasMessageEndingWith("TURN#000003 in table sessions is corrupt: role is not a string");
        assertThatThrownBy(() -> items.decode(badKey))
                .hasMessageStartingWith("turn item SESSION#s-1 / TURN#3 in table sessions is corrupt: malformed sort key");
    }

    private static Map<String, AttributeValue> item(String sortKey, AttributeValue content) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", AttributeValue.fromS("SESSION#s-1"));
        item.put("SK", AttributeValue.fromS(sortKey));
        item.put("role", AttributeValue.fromS("user"));
        item.put("content", content);
        return item;
    }
}

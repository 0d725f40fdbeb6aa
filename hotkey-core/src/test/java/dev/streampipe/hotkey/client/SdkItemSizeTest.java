package dev.streampipe.hotkey.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.core.record.ItemSize;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class SdkItemSizeTest {

    @Test
    void shouldSizeEachScalarTypeByDynamoDbRulesWhenGivenSdkValues() {
        // GIVEN one attribute of each scalar type
        // WHEN sized  THEN name bytes + value bytes
        assertThat(SdkItemSize.ofItem(Map.of("PK", AttributeValue.fromS("SESSION#42")))).isEqualTo(2 + 10);
        assertThat(SdkItemSize.ofItem(Map.of("é", AttributeValue.fromS("€")))).isEqualTo(2 + 3);
        assertThat(SdkItemSize.ofItem(Map.of("n", AttributeValue.fromN("12345")))).isEqualTo(1 + 4); // ceil(5/2)+1
        assertThat(SdkItemSize.ofItem(Map.of("n", AttributeValue.fromN("-0.00100")))).isEqualTo(1 + 2);
        assertThat(SdkItemSize.ofItem(Map.of("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[300])))))
                .isEqualTo(1 + 300);
        assertThat(SdkItemSize.ofItem(Map.of("t", AttributeValue.fromBool(true)))).isEqualTo(1 + 1);
        assertThat(SdkItemSize.ofItem(Map.of("z", AttributeValue.fromNul(true)))).isEqualTo(1 + 1);
    }

    @Test
    void shouldAddListAndMapOverheadsAndSumSetsWhenValuesNest() {
        // GIVEN a list, a map and the three sets
        AttributeValue list = AttributeValue.fromL(List.of(AttributeValue.fromS("ab"), AttributeValue.fromN("7")));
        AttributeValue map = AttributeValue.fromM(Map.of("k", AttributeValue.fromS("xyz")));
        // WHEN sized  THEN 3 per list/map, 1 per element, sets are plain sums
        assertThat(SdkItemSize.ofValue(list)).isEqualTo(3 + (1 + 2) + (1 + 2));
        assertThat(SdkItemSize.ofValue(map)).isEqualTo(3 + (1 + 1 + 3));
        assertThat(SdkItemSize.ofValue(AttributeValue.fromSs(List.of("a", "bcd")))).isEqualTo(4);
        assertThat(SdkItemSize.ofValue(AttributeValue.fromNs(List.of("1", "123")))).isEqualTo(2 + 3);
        assertThat(SdkItemSize.ofValue(AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("12"))))).isEqualTo(2);
    }

    @Test
    void shouldAgreeWithTheCoreItemSizeWhenTheSameItemIsGivenAsPlainJava() {
        // GIVEN a session turn as SDK values and as plain Java
        Map<String, AttributeValue> sdk = new LinkedHashMap<>();
        sdk.put("PK", AttributeValue.fromS("SESSION#abc"));
        sdk.put("SK", AttributeValue.fromS("TURN#000042"));
        sdk.put("turn_number", AttributeValue.fromN("42"));
        sdk.put("content", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[2_000])));
        sdk.put("meta", AttributeValue.fromM(Map.of("tags", AttributeValue.fromSs(List.of("a", "b")),
                "scores", AttributeValue.fromL(List.of(AttributeValue.fromN("1.5"), AttributeValue.fromNul(true))))));
        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("PK", "SESSION#abc");
        plain.put("SK", "TURN#000042");
        plain.put("turn_number", 42);
        plain.put("content", new byte[2_000]);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("tags", Set.of("a", "b"));
        meta.put("scores", java.util.Arrays.asList(new BigDecimal("1.5"), null));
        plain.put("meta", meta);
        // WHEN both are sized  THEN they agree
        assertThat(SdkItemSize.ofItem(sdk)).isEqualTo(ItemSize.ofItem(plain));
    }

    @Test
    void shouldBeZeroWhenTheImageIsAbsent() {
        assertThat(SdkItemSize.ofItem(null)).isZero();
        assertThat(SdkItemSize.ofItem(Map.of())).isZero();
    }
}

package dev.streampipe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.AttributeValue;
import dev.streampipe.core.record.Bytes;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.Item;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link StreamEvent}'s image values: every DynamoDB type written as the stream writes it, anything else refused. */
class StreamEventTest {

    @Test
    void shouldWriteEveryDynamoDbTypeWhenAnImageHoldsJavaValues() {
        // GIVEN an image with a value of each kind
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("city", "Lyon");
        address.put("zip", 69001);
        StreamEvent.Record record = StreamEvent.insert("sku", "tea", "warehouse", "W1").newImage(
                "name", "green tea", "quantity", 12, "organic", true, "photo", new byte[] {1, 2},
                "discontinued_at", null, "address", address, "sizes", List.of("S", 2),
                "tags", new LinkedHashSet<>(List.of("organic", "loose")), "ratings", Set.of(4.5),
                "hashes", Set.of(new byte[] {7}));

        // WHEN the event is decoded as Lambda would deliver it
        ChangeRecord r = new StreamEventDecoder().decode(StreamEvent.of(record).getBytes(StandardCharsets.UTF_8))
                .records().get(0);

        // THEN each value has its DynamoDB type
        Item image = r.newImage().orElseThrow();
        assertThat(image.get("name")).contains(new AttributeValue.S("green tea"));
        assertThat(image.get("quantity")).contains(new AttributeValue.N("12"));
        assertThat(image.get("organic")).contains(new AttributeValue.Bool(true));
        assertThat(image.get("photo")).contains(new AttributeValue.B(Bytes.copyOf(new byte[] {1, 2})));
        assertThat(image.get("discontinued_at")).contains(new AttributeValue.Null());
        assertThat(image.get("address")).contains(new AttributeValue.M(Map.of("city", new AttributeValue.S("Lyon"),
                "zip", new AttributeValue.N("69001"))));
        assertThat(image.get("sizes")).contains(new AttributeValue.L(List.of(new AttributeValue.S("S"),
                new AttributeValue.N("2"))));
        assertThat(image.get("tags")).contains(new AttributeValue.SS(List.of("organic", "loose")));
        assertThat(image.get("ratings")).contains(new AttributeValue.NS(List.of("4.5")));
        assertThat(image.get("hashes").orElseThrow().type()).isEqualTo("BS");
    }

    @Test
    void shouldRefuseNamingTheAttributeWhenAValueHasNoDynamoDbType() {
        // GIVEN / WHEN / THEN a value of a class DynamoDB has no type for, and a set of mixed members
        assertThatThrownBy(() -> StreamEvent.insert("sku", "tea", "warehouse", "W1")
                .newImage("added", java.time.Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("attribute 'added': cannot write a java.time.Instant as a DynamoDB value");
        assertThatThrownBy(() -> StreamEvent.insert("sku", "tea", "warehouse", "W1")
                .newImage("tags", new LinkedHashSet<>(List.of("a", 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attribute 'tags': a set's members must be all strings");
    }
}

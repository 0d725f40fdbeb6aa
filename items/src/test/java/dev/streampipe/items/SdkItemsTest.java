package dev.streampipe.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.record.AttributeValue;
import dev.streampipe.core.record.Bytes;
import dev.streampipe.core.record.InvalidAttributeException;
import dev.streampipe.core.record.Item;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

/** {@link SdkItems}: each type to the SDK's and back, a round trip for any item, and values the core cannot hold. */
class SdkItemsTest {

    @Property(tries = 300)
    void shouldGiveTheSameItemBackWhenAnItemGoesToTheSdkAndBack(@ForAll("items") Item item) {
        // WHEN
        Item back = SdkItems.fromSdk(SdkItems.toSdk(item));

        // THEN
        assertThat(back).isEqualTo(item);
    }

    @Property(tries = 300)
    void shouldGiveTheSameSdkMapBackWhenAnSdkMapComesToTheCoreAndBack(@ForAll("items") Item item) {
        // GIVEN an SDK map
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk = SdkItems.toSdk(item);

        // WHEN
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> back =
                SdkItems.toSdk(SdkItems.fromSdk(sdk));

        // THEN
        assertThat(back).isEqualTo(sdk);
    }

    @Test
    void shouldMapEachTypeToTheSdksOwnWhenConverted() {
        // GIVEN one value of each type, and the SDK's value of it
        Map<AttributeValue, software.amazon.awssdk.services.dynamodb.model.AttributeValue> pairs = Map.of(
                new AttributeValue.S("x"), sdk().s("x").build(),
                new AttributeValue.N("-1.5E+7"), sdk().n("-1.5E+7").build(),
                new AttributeValue.B(Bytes.copyOf(new byte[] {9, 8})), sdk().b(SdkBytes.fromByteArray(new byte[] {9, 8}))
                        .build(),
                new AttributeValue.Bool(false), sdk().bool(false).build(),
                AttributeValue.Null.INSTANCE, sdk().nul(true).build(),
                new AttributeValue.L(List.of(new AttributeValue.S("a"), AttributeValue.Null.INSTANCE)),
                sdk().l(sdk().s("a").build(), sdk().nul(true).build()).build(),
                new AttributeValue.M(Map.of("k", new AttributeValue.N("1"))), sdk().m(Map.of("k", sdk().n("1")
                        .build())).build(),
                new AttributeValue.SS(List.of("a", "b")), sdk().ss("a", "b").build(),
                new AttributeValue.NS(List.of("1", "2")), sdk().ns("1", "2").build(),
                new AttributeValue.BS(List.of(Bytes.copyOf(new byte[] {1}))), sdk().bs(SdkBytes.fromByteArray(
                        new byte[] {1})).build());

        // WHEN / THEN
        pairs.forEach((ours, theirs) -> {
            assertThat(SdkItems.toSdk(ours)).as(ours.type()).isEqualTo(theirs);
            assertThat(SdkItems.fromSdk(theirs)).as(ours.type()).isEqualTo(ours);
        });
        assertThat(pairs.keySet()).extracting(AttributeValue::type).hasSize(10).doesNotHaveDuplicates();
    }

    @Test
    void shouldNameThePathWhenAnSdkValueHasNoTypeTheCoreKnows() {
        // GIVEN an empty SDK value deep in a map
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk = Map.of("outer",
                sdk().m(Map.of("inner", sdk().l(sdk().s("fine").build(), sdk().build()).build())).build());

        // WHEN / THEN
        assertThatThrownBy(() -> SdkItems.fromSdk(sdk)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("attribute 'outer': 'inner': [1]: SDK attribute value of a type the core "
                        + "does not know (UNKNOWN_TO_SDK_VERSION)");
    }

    @Test
    void shouldRejectANullOfFalseWhenConvertedFromTheSdk() {
        // WHEN / THEN
        assertThatThrownBy(() -> SdkItems.fromSdk(Map.of("gone", sdk().nul(false).build())))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("attribute 'gone': NULL must be true, was false");
    }

    @Test
    void shouldSayItIsAnInvalidAttributeWhenAnSdkNumberBreaksDynamoDbsRules() {
        // WHEN / THEN
        assertThatThrownBy(() -> SdkItems.fromSdk(Map.of("n", sdk().n("1e999").build())))
                .isInstanceOf(InvalidAttributeException.class)
                .hasMessageStartingWith("attribute 'n': not a DynamoDB number: '1e999'");
    }

    @Test
    void shouldCopyTheBytesWhenBinaryCrossesTheBridge() {
        // GIVEN
        byte[] raw = {1, 2, 3};
        software.amazon.awssdk.services.dynamodb.model.AttributeValue sdk =
                sdk().b(SdkBytes.fromByteArrayUnsafe(raw)).build();

        // WHEN the SDK's array changes after the conversion
        AttributeValue ours = SdkItems.fromSdk(sdk);
        raw[0] = 99;

        // THEN ours does not
        assertThat(((AttributeValue.B) ours).value()).isEqualTo(Bytes.copyOf(new byte[] {1, 2, 3}));
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue.Builder sdk() {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
    }

    @Provide
    Arbitrary<Item> items() {
        return Arbitraries.maps(names(), value(3)).ofMaxSize(6).map(Item::of);
    }

    private static Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
    }

    private static Arbitrary<String> numbers() {
        return Arbitraries.oneOf(Arbitraries.longs().map(String::valueOf),
                Arbitraries.bigDecimals().between(new BigDecimal("-1E+20"), new BigDecimal("1E+20")).ofScale(6)
                        .map(BigDecimal::toPlainString),
                Arbitraries.of("0", "1E+125", "-1E-130", "12345678901234567890123456789012345678", "0.000"));
    }

    private static Arbitrary<Bytes> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(16).map(Bytes::copyOf);
    }

    /** Any value, nested at most {@code depth} deep. */
    private static Arbitrary<AttributeValue> value(int depth) {
        Arbitrary<AttributeValue> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(AttributeValue.S::new),
                numbers().map(AttributeValue.N::new),
                bytes().map(AttributeValue.B::new),
                Arbitraries.of(true, false).map(AttributeValue.Bool::new),
                Arbitraries.just(AttributeValue.Null.INSTANCE),
                Arbitraries.strings().ofMaxLength(6).set().ofMinSize(1).ofMaxSize(4)
                        .map(s -> new AttributeValue.SS(List.copyOf(s))),
                numbers().set().ofMinSize(1).ofMaxSize(4).map(s -> new AttributeValue.NS(List.copyOf(s))),
                bytes().set().ofMinSize(1).ofMaxSize(4).map(s -> new AttributeValue.BS(List.copyOf(s))));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<AttributeValue> nested = value(depth - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, scalar),
                net.jqwik.api.Tuple.of(1, nested.list().ofMaxSize(4).map(AttributeValue.L::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.maps(names(), nested).ofMaxSize(4).map(AttributeValue.M::new)));
    }
}

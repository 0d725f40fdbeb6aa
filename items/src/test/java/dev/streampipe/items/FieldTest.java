package dev.streampipe.items;

import static dev.streampipe.items.Changes.decode;
import static dev.streampipe.items.Changes.insert;
import static dev.streampipe.items.Changes.modify;
import static dev.streampipe.items.Changes.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.StreamViewType;
import dev.streampipe.core.topology.PoisonRecordException;
import dev.streampipe.core.topology.RecordPredicate;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/** The predicates of {@link Field}: what each makes of both images, one, none, and of absent values. */
class FieldTest {
    private static final Field<Inventory, Integer> QUANTITY = Inventory.TYPE.field("quantity", Inventory::quantity);
    private static final Field<Inventory, String> STATUS = Inventory.TYPE.field("status", Inventory::status);

    /** A MODIFY of quantity {@code before} to {@code after}; "-" leaves the attribute out of that image. */
    private static ChangeRecord quantity(String before, String after) {
        return decode(modify().oldImage(values("quantity", before)).newImage(values("quantity", after)));
    }

    private static Object[] values(String name, String value) {
        return value.equals("-") ? new Object[0] : new Object[] {name, Integer.valueOf(value)};
    }

    @ParameterizedTest(name = "quantity {0} -> {1}: crosses below 10 = {2}")
    @CsvSource({"12, 9, true", "10, 9, true", "9, 8, false", "12, 10, false", "9, 12, false", "-, 3, true",
        "3, -, false", "-, -, false"})
    void shouldTellACrossingBelowWhenAModifyHasBothImages(String before, String after, boolean crosses) {
        // GIVEN
        RecordPredicate p = QUANTITY.crossesBelow(10);

        // WHEN / THEN
        assertThat(p.test(quantity(before, after))).isEqualTo(crosses);
    }

    @ParameterizedTest(name = "quantity {0} -> {1}: crosses above 10 = {2}")
    @CsvSource({"8, 11, true", "10, 11, true", "11, 12, false", "8, 10, false", "12, 3, false", "-, 11, true",
        "11, -, false"})
    void shouldTellACrossingAboveWhenAModifyHasBothImages(String before, String after, boolean crosses) {
        // GIVEN
        RecordPredicate p = QUANTITY.crossesAbove(10);

        // WHEN / THEN
        assertThat(p.test(quantity(before, after))).isEqualTo(crosses);
    }

    @Test
    void shouldCrossWhenAnInsertIsBelowTheThreshold() {
        // GIVEN an INSERT (no old image) below 10, and one above
        ChangeRecord low = decode(insert().newImage("quantity", 3));
        ChangeRecord high = decode(insert().newImage("quantity", 30));

        // WHEN / THEN
        assertThat(QUANTITY.crossesBelow(10).test(low)).isTrue();
        assertThat(QUANTITY.crossesBelow(10).test(high)).isFalse();
    }

    @Test
    void shouldRejectNotGuessWhenTheStreamCarriesNoOldImage() {
        // GIVEN a MODIFY on a NEW_IMAGE stream (the quantity was 3 before: it crossed nothing)
        ChangeRecord r = decode(modify().viewType("NEW_IMAGE").oldImage("quantity", 3).newImage("quantity", 2));

        // WHEN / THEN the old value cannot be seen, so the predicate cannot tell: poison, naming what is missing
        assertThat(r.oldImage()).isEmpty();
        assertThatThrownBy(() -> QUANTITY.crossesBelow(10).test(r)).isInstanceOf(PoisonRecordException.class)
                .hasMessage("'quantity crosses below 10' reads the OldImage of a MODIFY and the record has none"
                        + " (stream view type NEW_IMAGE; the topology needs NEW_AND_OLD_IMAGES)");
        // ... and every predicate comparing before and after says it reads both images
        for (RecordPredicate p : List.of(QUANTITY.crossesBelow(10), QUANTITY.crossesAbove(1), QUANTITY.changed(),
                STATUS.becomes("ACTIVE"))) {
            assertThat(p.imagesRead()).as(p.describe()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        }
        assertThat(STATUS.is("ACTIVE").imagesRead()).isEqualTo(StreamViewType.NEW_IMAGE);
    }

    @Test
    void shouldBeFalseForARemoveAndRejectAModifyWhenTheRecordHasNoImages() {
        // GIVEN a REMOVE on an OLD_IMAGE stream, and a MODIFY on a KEYS_ONLY stream
        ChangeRecord removed = decode(remove().viewType("OLD_IMAGE").oldImage("quantity", 12, "status", "ACTIVE"));
        ChangeRecord keysOnly = decode(modify().viewType("KEYS_ONLY").oldImage("quantity", 12)
                .newImage("quantity", 3, "status", "ACTIVE"));

        // WHEN
        List<RecordPredicate> predicates = List.of(QUANTITY.crossesBelow(10), QUANTITY.crossesAbove(1),
                QUANTITY.changed(), STATUS.is("ACTIVE"), STATUS.becomes("ACTIVE"));

        // THEN a removal is nothing these predicates look for; a MODIFY without its images cannot be told
        for (RecordPredicate p : predicates) {
            assertThat(p.test(removed)).as(p.describe() + " on a REMOVE").isFalse();
            assertThatThrownBy(() -> p.test(keysOnly)).as(p.describe() + " on KEYS_ONLY")
                    .isInstanceOf(PoisonRecordException.class).hasMessageContaining("the record has none"
                            + " (stream view type KEYS_ONLY");
        }
    }

    @Test
    void shouldTellABecomingWhenTheStatusChangesToTheValue() {
        // GIVEN
        RecordPredicate p = STATUS.becomes("DISCONTINUED");

        // WHEN / THEN
        assertThat(p.test(decode(modify().oldImage("status", "ACTIVE").newImage("status", "DISCONTINUED")))).isTrue();
        assertThat(p.test(decode(modify().oldImage("status", "DISCONTINUED").newImage("status", "DISCONTINUED"))))
                .isFalse();
        assertThat(p.test(decode(modify().oldImage("status", "DISCONTINUED").newImage("status", "ACTIVE"))))
                .isFalse();
        assertThat(p.test(decode(insert().newImage("status", "DISCONTINUED")))).isTrue();
        assertThat(p.test(decode(modify().oldImage().newImage("status", "DISCONTINUED")))).isTrue();
    }

    @Test
    void shouldTellTheNewValueWhenTestingIs() {
        // GIVEN
        RecordPredicate p = STATUS.is("ACTIVE");

        // WHEN / THEN the new image decides, the old one does not matter
        assertThat(p.test(decode(modify().oldImage("status", "X").newImage("status", "ACTIVE")))).isTrue();
        assertThat(p.test(decode(modify().oldImage("status", "ACTIVE").newImage("status", "X")))).isFalse();
        assertThat(p.test(decode(insert().newImage()))).isFalse();
    }

    @Test
    void shouldTellAChangeOnlyWhenBothImagesDiffer() {
        // GIVEN
        RecordPredicate p = QUANTITY.changed();

        // WHEN / THEN
        assertThat(p.test(quantity("3", "4"))).isTrue();
        assertThat(p.test(quantity("3", "3"))).isFalse();
        assertThat(p.test(quantity("-", "4"))).as("attribute added").isTrue();
        assertThat(p.test(quantity("3", "-"))).as("attribute removed").isTrue();
        assertThat(p.test(decode(insert().newImage("quantity", 4)))).as("INSERT").isFalse();
    }

    @Test
    void shouldDescribeEachPredicateWhenAskedByTheTopology() {
        // WHEN / THEN
        assertThat(QUANTITY.crossesBelow(10).describe()).isEqualTo("quantity crosses below 10");
        assertThat(QUANTITY.crossesAbove(100).describe()).isEqualTo("quantity crosses above 100");
        assertThat(STATUS.becomes("DISCONTINUED").describe()).isEqualTo("status becomes \"DISCONTINUED\"");
        assertThat(STATUS.is("ACTIVE").describe()).isEqualTo("status is \"ACTIVE\"");
        assertThat(QUANTITY.changed().describe()).isEqualTo("quantity changed");
        assertThat(Inventory.TYPE.where("restocked", c -> true).describe()).isEqualTo("restocked");
        assertThat(QUANTITY.crossesBelow(10).and(STATUS.is("ACTIVE")).describe())
                .isEqualTo("quantity crosses below 10 and status is \"ACTIVE\"");
    }

    @Test
    void shouldCompareInTheGivenOrderWhenAComparatorIsGiven() {
        // GIVEN a field of a type without natural order, compared by length
        Field<Inventory, StringBuilder> code = Inventory.TYPE.field("status", i -> new StringBuilder(i.status()));
        RecordPredicate p = code.crossesBelow(new StringBuilder("xxxx"), Comparator.comparingInt(StringBuilder::length));

        // WHEN / THEN
        assertThat(p.test(decode(modify().oldImage("status", "LONG_ONE").newImage("status", "ABC")))).isTrue();
        assertThat(p.test(decode(modify().oldImage("status", "ABC").newImage("status", "AB")))).isFalse();
    }

    @Test
    void shouldRejectAThresholdWithoutOrderWhenNoComparatorIsGiven() {
        // GIVEN
        Field<Inventory, Object> raw = Inventory.TYPE.field("status", Inventory::status);

        // WHEN / THEN
        assertThatThrownBy(() -> raw.crossesBelow(new Object())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("status.crossesBelow needs a Comparable threshold or a comparator; ")
                .hasMessageContaining("java.lang.Object");
    }

    @Test
    void shouldMakeTheRecordPoisonWhenTheImageDoesNotMap() {
        // GIVEN a new image whose quantity is not a number
        ChangeRecord r = decode(modify().oldImage("quantity", 12).newImage("quantity", "many"));

        // WHEN / THEN
        assertThatThrownBy(() -> QUANTITY.crossesBelow(10).test(r)).isInstanceOf(PoisonRecordException.class)
                .hasMessageStartingWith("NewImage as Inventory: attribute 'quantity' (S) does not map: ");
    }

    @Test
    void shouldReadEachImageWhenAskedForTheValues() {
        // GIVEN
        ChangeRecord r = quantity("12", "9");

        // WHEN / THEN
        assertThat(QUANTITY.oldValue(r)).contains(12);
        assertThat(QUANTITY.newValue(r)).contains(9);
        assertThat(QUANTITY.newValue(decode(remove().oldImage("quantity", 1)))).isEmpty();
    }

    @Test
    void shouldTellAPriceUnchangedInItsOrderWhenOnlyItsScaleDiffers() {
        // GIVEN a price written as 19.90 before and 19.9 after
        Field<Priced, BigDecimal> price = Priced.TYPE.field("price", Priced::getPrice);
        ChangeRecord r = decode(modify().oldImage("price", new BigDecimal("19.90"))
                .newImage("price", new BigDecimal("19.9")));

        // WHEN / THEN equals sees a change, the natural order does not; a price added is a change either way
        assertThat(price.changed().test(r)).isTrue();
        assertThat(price.changed(Comparator.naturalOrder()).test(r)).isFalse();
        assertThat(price.changed(Comparator.naturalOrder()).test(decode(modify().oldImage("sku", "A")
                .newImage("price", 3)))).isTrue();
    }

    /** A bean with a decimal price. */
    @DynamoDbBean
    public static class Priced {
        static final ItemType<Priced> TYPE = ItemType.of(
                TableSchema.fromBean(Priced.class));
        private BigDecimal price;

        public BigDecimal getPrice() {
            return price;
        }

        public void setPrice(BigDecimal price) {
            this.price = price;
        }
    }
}

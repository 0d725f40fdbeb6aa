package dev.streampipe.items;

import static dev.streampipe.items.Changes.decode;
import static dev.streampipe.items.Changes.insert;
import static dev.streampipe.items.Changes.modify;
import static dev.streampipe.items.Changes.remove;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.streampipe.core.record.AttributeValue;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.InvalidAttributeException;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.topology.PoisonRecordException;
import dev.streampipe.core.topology.RecordPredicate;
import dev.streampipe.testing.StreamEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/** {@link ItemType} and {@link TypedChange}: mapping images once, and what an image that does not map says. */
class ItemTypeTest {

    /** A bean with a primitive int, to see what the Enhanced Client does with values out of its range. */
    @DynamoDbBean
    public static class Counter {
        private String sku;
        private int count;

        @DynamoDbPartitionKey
        public String getSku() {
            return sku;
        }

        public void setSku(String sku) {
            this.sku = sku;
        }

        public int getCount() {
            return count;
        }

        public void setCount(int count) {
            this.count = count;
        }
    }

    private static final ItemType<Counter> COUNTER = ItemType.of(TableSchema.fromBean(Counter.class));

    @Test
    void shouldMapBothImagesWhenTheChangeIsAModify() {
        // GIVEN
        ChangeRecord r = decode(modify().oldImage("quantity", 12, "status", "ACTIVE")
                .newImage("quantity", 9, "status", "ACTIVE"));

        // WHEN
        TypedChange<Inventory> change = Inventory.TYPE.change(r);

        // THEN
        assertThat(change.oldItem()).contains(new Inventory("SKU-1", "W1", 12, "ACTIVE"));
        assertThat(change.requireNewItem()).isEqualTo(new Inventory("SKU-1", "W1", 9, "ACTIVE"));
        assertThat(change.record()).isSameAs(r);
        assertThat(Inventory.TYPE.name()).isEqualTo("Inventory");
    }

    @Test
    void shouldMapEachImageOnceWhenManyPredicatesAndTypedChangesReadIt() {
        // GIVEN a type over a counting schema, and three predicates on it
        CountingSchema<Inventory> schema = new CountingSchema<>(TableSchema.fromImmutableClass(Inventory.class));
        ItemType<Inventory> type = ItemType.of(schema);
        Field<Inventory, Integer> quantity = type.field("quantity", Inventory::quantity);
        ChangeRecord r = decode(modify().oldImage("quantity", 12).newImage("quantity", 9));

        // WHEN
        boolean crossed = quantity.crossesBelow(10).test(r);
        boolean changed = quantity.changed().test(r);
        boolean where = type.where("any", c -> c.requireNewItem().quantity() == 9).test(r);
        type.change(r).requireOldItem();

        // THEN two images, two mappings
        assertThat(crossed).isTrue();
        assertThat(changed).isTrue();
        assertThat(where).isTrue();
        assertThat(schema.mappings).hasValue(2);
    }

    @Test
    void shouldNameTheImageAndViewTypeWhenARequiredImageIsMissing() {
        // GIVEN an INSERT, and a MODIFY on a NEW_IMAGE stream
        TypedChange<Inventory> insert = Inventory.TYPE.change(decode(insert().newImage("quantity", 1)));
        TypedChange<Inventory> newOnly = Inventory.TYPE.change(decode(modify().viewType("NEW_IMAGE")
                .newImage("quantity", 1)));
        TypedChange<Inventory> removed = Inventory.TYPE.change(decode(remove().oldImage("quantity", 1)));

        // WHEN / THEN
        assertThatThrownBy(insert::requireOldItem).isInstanceOf(PoisonRecordException.class)
                .hasMessage("INSERT record has no OldImage to read as Inventory (stream view type NEW_AND_OLD_IMAGES)");
        assertThatThrownBy(newOnly::requireOldItem).isInstanceOf(PoisonRecordException.class)
                .hasMessage("MODIFY record has no OldImage to read as Inventory (stream view type NEW_IMAGE)");
        assertThatThrownBy(removed::requireNewItem).isInstanceOf(PoisonRecordException.class)
                .hasMessage("REMOVE record has no NewImage to read as Inventory (stream view type NEW_AND_OLD_IMAGES)");
        assertThat(insert.oldItem()).isEmpty();
    }

    @Test
    void shouldNameTypeImageAndAttributeWhenAStringStandsForANumber() {
        // GIVEN an old image whose quantity is S
        ChangeRecord r = decode(modify().oldImage("quantity", "twelve").newImage("quantity", 9));
        TypedChange<Inventory> change = Inventory.TYPE.change(r);

        // WHEN
        Throwable thrown = catchThrowable(change::oldItem);

        // THEN the new image still maps; the old one is poison, saying where and why
        assertThat(change.requireNewItem().quantity()).isEqualTo(9);
        assertThat(thrown).isInstanceOf(PoisonRecordException.class)
                .hasMessage("OldImage as Inventory: attribute 'quantity' (S) does not map: "
                        + "java.lang.NumberFormatException: For input string: \"twelve\"")
                .hasRootCauseInstanceOf(NumberFormatException.class);
    }

    @Test
    void shouldNameTheAttributeWhenABooleanStandsForANumber() {
        // GIVEN (the Enhanced Client says IllegalStateException "... cannot convert an attribute of type BOOL ...")
        ChangeRecord r = decode(insert().newImage("quantity", true));

        // WHEN / THEN
        assertThatThrownBy(() -> Inventory.TYPE.change(r).newItem()).isInstanceOf(PoisonRecordException.class)
                .hasMessageStartingWith("NewImage as Inventory: attribute 'quantity' (BOOL) does not map: "
                        + "java.lang.IllegalStateException: ")
                .hasMessageContaining("cannot convert an attribute of type BOOL");
    }

    @Test
    void shouldNameTheAttributeWhenANumberIsOutOfAnIntsRange() {
        // GIVEN
        ChangeRecord r = decode(counterInsert().newImage("count", 99_999_999_999L));

        // WHEN / THEN
        assertThatThrownBy(() -> COUNTER.change(r).requireNewItem()).isInstanceOf(PoisonRecordException.class)
                .hasMessage("NewImage as Counter: attribute 'count' (N) does not map: "
                        + "java.lang.NumberFormatException: For input string: \"99999999999\"");
    }

    @Test
    void shouldNameTheAttributeWhenANumberHasAFractionForAnInt() {
        // GIVEN
        ChangeRecord r = decode(counterInsert().newImage("count", 1.5));

        // WHEN / THEN
        assertThatThrownBy(() -> COUNTER.change(r).requireNewItem()).isInstanceOf(PoisonRecordException.class)
                .hasMessageStartingWith("NewImage as Counter: attribute 'count' (N) does not map: ");
    }

    @Test
    void shouldFailTheSameWayWithoutMappingAgainWhenTheImageDidNotMap() {
        // GIVEN a counting schema and an image that does not map
        CountingSchema<Inventory> schema = new CountingSchema<>(TableSchema.fromImmutableClass(Inventory.class));
        ItemType<Inventory> type = ItemType.of(schema);
        ChangeRecord r = decode(insert().newImage("quantity", "lots"));

        // WHEN
        Throwable first = catchThrowable(() -> type.change(r).newItem());
        Throwable second = catchThrowable(() -> type.field("quantity", Inventory::quantity).is(3).test(r));

        // THEN
        assertThat(first).isInstanceOf(PoisonRecordException.class);
        assertThat(second).isInstanceOf(PoisonRecordException.class).hasMessage(first.getMessage());
        assertThat(schema.mappings).hasValue(1);
    }

    @Test
    void shouldNameTheTypeWhenAnImageValueCannotBeRead() {
        // GIVEN an item whose values the core cannot read
        Item unreadable = Item.unreadable("NewImage is not an object");

        // WHEN / THEN
        assertThatThrownBy(() -> Inventory.TYPE.map(unreadable)).isInstanceOf(InvalidAttributeException.class)
                .hasMessage("Inventory: NewImage is not an object");
    }

    @Test
    void shouldMapAnItemWhenBuiltByHand() {
        // GIVEN
        Item item = Item.of(Map.of("sku", new AttributeValue.S("SKU-9"), "quantity", new AttributeValue.N("4")));

        // WHEN
        Inventory inventory = Inventory.TYPE.map(item);

        // THEN
        assertThat(inventory).isEqualTo(new Inventory("SKU-9", null, 4, null));
    }

    @Test
    void shouldTestTheTypedChangeWhenAPredicateIsMadeWithWhere() {
        // GIVEN
        RecordPredicate restocked = Inventory.TYPE.where("restocked from zero",
                c -> c.oldItem().map(i -> i.quantity() == 0).orElse(false)
                        && c.newItem().map(i -> i.quantity() > 0).orElse(false));

        // WHEN / THEN
        assertThat(restocked.test(decode(modify().oldImage("quantity", 0).newImage("quantity", 5)))).isTrue();
        assertThat(restocked.test(decode(modify().oldImage("quantity", 1).newImage("quantity", 5)))).isFalse();
        assertThat(restocked.describe()).isEqualTo("restocked from zero");
    }

    private static StreamEvent.Record counterInsert() {
        return StreamEvent.insert("sku", "SKU-1", "warehouse", "W1");
    }

    @Test
    void shouldReadOnlyTheAttributesTheClassDeclaresWhenAnImageIsMapped() {
        // GIVEN an image whose undeclared attribute 'blob' holds a number DynamoDB would refuse (unreadable), and whose
        // declared 'count' is fine
        String event = StreamEvent.of(insert().newImage("note", "x")).replace("\"NewImage\":{", "\"NewImage\":{\"count\":{\"N\":\"3\"},"
                + "\"blob\":{\"N\":\"1e99999\"},");
        ChangeRecord r = Changes.decodeEvent(event);

        // WHEN it is mapped
        Counter counter = COUNTER.change(r).requireNewItem();

        // THEN the class's attributes map and the unreadable one it does not declare is never read
        assertThat(counter.getCount()).isEqualTo(3);
        assertThatThrownBy(() -> r.newImage().orElseThrow().get("blob")).isInstanceOf(InvalidAttributeException.class);
    }
}

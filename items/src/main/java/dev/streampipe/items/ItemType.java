package dev.streampipe.items;

import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.InvalidAttributeException;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.record.ItemConverter;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.RecordPredicate;
import dev.streampipe.core.topology.RouteMapper;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.BeanTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.ImmutableTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A table's item class, as the AWS SDK's DynamoDB Enhanced Client maps it ({@link TableSchema}: a
 * {@code @DynamoDbBean}, a {@code @DynamoDbImmutable} class or record with a builder, a static schema), made into
 * typed changes, predicates and fields for a topology. Keep one per item class, as a constant: each image of a
 * record is mapped once per {@code ItemType} ({@link Item#as}), however many routes and predicates read it.
 * <pre>{@code
 * static final ItemType<Inventory> INVENTORY = ItemType.of(TableSchema.fromImmutableClass(Inventory.class));
 * static final Field<Inventory, Integer> QUANTITY = INVENTORY.field("quantity", Inventory::quantity);
 *
 * .branch(QUANTITY.crossesBelow(10), Route.named("low-stock").to("pages").needsNewImage()
 *         .mapping(INVENTORY.mapper(change -> new LowStockPage(change.requireNewItem().sku()))))
 * }</pre>
 *
 * <p>An image that does not map to the class (an attribute of another type, a number out of an {@code int}'s range,
 * anything {@code mapToItem} throws) is poison for the routes that read it: they dead-letter the record with a
 * reason naming the class, the image and, where it can be told, the attribute; the other routes go on. Thread-safe.
 *
 * @param <T> the item class
 */
public final class ItemType<T> {
    private final TableSchema<T> schema;
    private final String name;
    /** The one converter of this type: {@link Item#as} remembers each image's mapping per converter instance. */
    private final ItemConverter<T> converter = this::convert;

    /** The attributes the schema maps, or {@code null} when it does not say (then every attribute is handed over). */
    private final Set<String> declared;

    private ItemType(TableSchema<T> schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
        this.name = schema.itemType().rawClass().getSimpleName();
        this.declared = declared(schema);
    }

    /**
     * The attribute names {@code schema} maps: only they are read from an image and handed to {@code mapToItem},
     * which ignores the rest (an image's large attributes the class does not declare cost nothing). {@code null} for
     * any other kind of schema than the SDK's bean, immutable and static ones (a document schema maps every
     * attribute, and a schema of one's own may not list what it reads).
     */
    private static Set<String> declared(TableSchema<?> schema) {
        boolean mapsItsAttributesOnly = schema instanceof BeanTableSchema || schema instanceof ImmutableTableSchema
                || schema instanceof StaticTableSchema || schema instanceof StaticImmutableTableSchema;
        if (!mapsItsAttributesOnly) {
            return null;
        }
        List<String> names = schema.attributeNames();
        return names == null || names.isEmpty() ? null : Set.copyOf(names);
    }

    /** The item class {@code schema} maps, e.g. {@code ItemType.of(TableSchema.fromBean(Order.class))}. */
    public static <T> ItemType<T> of(TableSchema<T> schema) {
        return new ItemType<>(schema);
    }

    /** The item class's simple name, as errors and descriptions say it. */
    public String name() {
        return name;
    }

    public TableSchema<T> schema() {
        return schema;
    }

    /** {@code record}'s images as this type (each mapped when first asked for, once). */
    public TypedChange<T> change(ChangeRecord record) {
        return new TypedChange<>(this, Objects.requireNonNull(record, "record"));
    }

    /**
     * {@code item} as a {@code T}, mapped once per item however often asked; {@code null} for an empty item (as
     * {@code mapToItem} maps it).
     *
     * @throws InvalidAttributeException when it does not map, naming this type and, where it can be told, the
     *                                   attribute
     */
    public T map(Item item) {
        return Objects.requireNonNull(item, "item").as(converter);
    }

    /**
     * A function of the item read as a {@code T}, for an aggregation's group ({@code null} item: an empty image):
     * {@code Aggregation.table("stock").groupBy("warehouse", ITEMS.value(InventoryItem::getWarehouse))}.
     */
    public <V> Function<Item, V> value(Function<? super T, ? extends V> getter) {
        Objects.requireNonNull(getter, "getter");
        return item -> getter.apply(map(item));
    }

    /** A number of the item read as a {@code T}, for an aggregation's sum: {@code .sum("units", ITEMS.longValue(..))}. */
    public ToLongFunction<Item> longValue(ToLongFunction<? super T> getter) {
        Objects.requireNonNull(getter, "getter");
        return item -> getter.applyAsLong(map(item));
    }

    /** A test of the item read as a {@code T}, for an aggregation's {@code where}. */
    public Predicate<Item> matching(Predicate<? super T> test) {
        Objects.requireNonNull(test, "test");
        return item -> test.test(map(item));
    }

    /**
     * A value of {@code T} as a field for predicates: {@code name} (how {@link RecordPredicate#describe()} says it,
     * mostly the attribute's name) and how to read it from an item.
     */
    public <V> Field<T, V> field(String name, Function<? super T, ? extends V> getter) {
        return new Field<>(this, name, getter);
    }

    /**
     * A predicate on the typed change, described as {@code description}:
     * {@code INVENTORY.where("restocked", c -> c.oldItem().isEmpty())}.
     */
    public RecordPredicate where(String description, Predicate<? super TypedChange<T>> test) {
        Objects.requireNonNull(test, "test");
        return RecordPredicate.named(description, r -> test.test(change(r)));
    }

    /**
     * A route's mapper from the typed change. {@code mapping} returns what the route sends: {@code null} (or an empty
     * {@link Optional}) for nothing, a {@link Payload} as it is, anything else (a record, a bean, a map) as
     * {@link Payload#json}, written as JSON by the runtime with the topology's object mapper (a {@code String} too, as
     * a JSON string: return {@code Payload.of(text)} for a text body).
     * <pre>{@code
     * INVENTORY.mapper(c -> new LowStockPage(c.requireNewItem().sku(), c.requireNewItem().quantity()))
     * }</pre>
     */
    public RouteMapper mapper(Function<? super TypedChange<T>, ?> mapping) {
        Objects.requireNonNull(mapping, "mapping");
        return r -> payload(mapping.apply(change(r)));
    }

    private static Optional<Payload> payload(Object sent) {
        if (sent instanceof Optional<?> optional) {
            return optional.isPresent() ? payload(optional.get()) : Optional.empty();
        }
        if (sent == null) {
            return Optional.empty();
        }
        return Optional.of(sent instanceof Payload p ? p : Payload.json(sent));
    }

    @Override
    public String toString() {
        return "ItemType[" + name + "]";
    }

    private T convert(Item item) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk;
        try {
            sdk = declared == null ? SdkItems.toSdk(item) : SdkItems.toSdk(item, declared);
        } catch (InvalidAttributeException e) {
            throw because(name + ": " + e.getMessage(), e);
        }
        try {
            return schema.mapToItem(sdk);
        } catch (RuntimeException e) {
            // Whatever the mapping throws is about this item's data (a setter or builder that rejects a missing
            // value included): poison for the readers, not a bug that should fail the batch.
            String attribute = culprit(sdk);
            throw because(name + ": " + (attribute == null ? "the item" : "attribute '" + attribute + "' ("
                    + sdk.get(attribute).type() + ")") + " does not map: " + e, e);
        }
    }

    /**
     * The attribute whose value the schema's converter for it cannot read, or {@code null} when none can be found
     * (the mapping failed elsewhere, or in a way the SDK's error does not tie to an attribute).
     */
    private String culprit(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk) {
        for (String attribute : schema.attributeNames()) {
            software.amazon.awssdk.services.dynamodb.model.AttributeValue value = sdk.get(attribute);
            if (value == null) {
                continue;
            }
            AttributeConverter<?> c;
            try {
                c = schema.converterForAttribute(attribute);
            } catch (UnsupportedOperationException e) {
                return null; // a schema that does not say how it reads its attributes
            }
            try {
                if (c != null) {
                    c.transformTo(value);
                }
            } catch (RuntimeException e) {
                return attribute;
            }
        }
        return null;
    }

    private static InvalidAttributeException because(String message, RuntimeException cause) {
        InvalidAttributeException e = new InvalidAttributeException(message);
        e.initCause(cause);
        return e;
    }
}

package dev.streampipe.items;

import dev.streampipe.core.record.AttributeValue;
import dev.streampipe.core.record.Bytes;
import dev.streampipe.core.record.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;

/**
 * The bridge between the core's items and the AWS SDK's: a change record's image ({@link Item} of the core's
 * {@link AttributeValue}s) as the map of SDK {@code AttributeValue}s that the SDK's clients and the Enhanced Client's
 * {@code TableSchema.mapToItem} take, and back. Every DynamoDB type maps to itself; numbers keep their text.
 * <pre>{@code
 * Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> key = SdkItems.toSdk(record.keys());
 * dynamoDb.getItem(b -> b.tableName("inventory").key(key));
 * }</pre>
 */
public final class SdkItems {
    private SdkItems() {
    }

    /**
     * {@code item} as the SDK's attribute map (every value read now, if the item is indexed); insertion ordered.
     *
     * @throws dev.streampipe.core.record.InvalidAttributeException when a value of the item cannot be read
     */
    public static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(Item item) {
        Objects.requireNonNull(item, "item");
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeValue> e : item.attributes().entrySet()) {
            sdk.put(e.getKey(), toSdk(e.getValue()));
        }
        return sdk;
    }

    /**
     * The attributes of {@code item} named in {@code names} (those it has) as the SDK's attribute map, in the item's
     * order; only their values are read.
     *
     * @throws dev.streampipe.core.record.InvalidAttributeException when one of those values cannot be read
     */
    public static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(Item item,
            Set<String> names) {
        Objects.requireNonNull(item, "item");
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeValue> e : item.attributes(names).entrySet()) {
            sdk.put(e.getKey(), toSdk(e.getValue()));
        }
        return sdk;
    }

    /** {@code value} as the SDK's attribute value of the same type. */
    public static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue value) {
        Objects.requireNonNull(value, "value");
        var b = software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
        if (value instanceof AttributeValue.S s) {
            return b.s(s.value()).build();
        }
        if (value instanceof AttributeValue.N n) {
            return b.n(n.value()).build();
        }
        if (value instanceof AttributeValue.B bin) {
            return b.b(sdkBytes(bin.value())).build();
        }
        if (value instanceof AttributeValue.Bool bool) {
            return b.bool(bool.value()).build();
        }
        if (value instanceof AttributeValue.Null) {
            return b.nul(true).build();
        }
        if (value instanceof AttributeValue.L l) {
            List<software.amazon.awssdk.services.dynamodb.model.AttributeValue> list = new ArrayList<>(l.values().size());
            for (AttributeValue v : l.values()) {
                list.add(toSdk(v));
            }
            return b.l(list).build();
        }
        if (value instanceof AttributeValue.M m) {
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> map = new LinkedHashMap<>();
            for (Map.Entry<String, AttributeValue> e : m.values().entrySet()) {
                map.put(e.getKey(), toSdk(e.getValue()));
            }
            return b.m(map).build();
        }
        if (value instanceof AttributeValue.SS ss) {
            return b.ss(ss.values()).build();
        }
        if (value instanceof AttributeValue.NS ns) {
            return b.ns(ns.values()).build();
        }
        AttributeValue.BS bs = (AttributeValue.BS) value; // the last of the sealed ten
        List<SdkBytes> list = new ArrayList<>(bs.values().size());
        for (Bytes v : bs.values()) {
            list.add(sdkBytes(v));
        }
        return b.bs(list).build();
    }

    /**
     * The SDK's attribute map as an item (the core's immutable copy).
     *
     * @throws IllegalArgumentException naming the attribute when a value has no DynamoDB type the core knows (a
     *                                  type newer than this SDK, {@code NULL} set to false), and
     *                                  {@link dev.streampipe.core.record.InvalidAttributeException} for a number
     *                                  that breaks DynamoDB's rules
     */
    public static Item fromSdk(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        Objects.requireNonNull(item, "item");
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        for (Map.Entry<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> e : item.entrySet()) {
            try {
                values.put(e.getKey(), fromSdk(e.getValue()));
            } catch (IllegalArgumentException problem) {
                throw rename(problem, "attribute '" + e.getKey() + "': " + problem.getMessage());
            }
        }
        return Item.of(values);
    }

    /**
     * The SDK's attribute value as the core's value of the same type.
     *
     * @throws IllegalArgumentException when it has no DynamoDB type the core knows, or is {@code NULL} set to false
     */
    public static AttributeValue fromSdk(software.amazon.awssdk.services.dynamodb.model.AttributeValue value) {
        Objects.requireNonNull(value, "value");
        var type = value.type();
        if (type == null) {
            throw new IllegalArgumentException("SDK attribute value has no type: " + value);
        }
        switch (type) {
            case S:
                return new AttributeValue.S(value.s());
            case N:
                return new AttributeValue.N(value.n());
            case B:
                return new AttributeValue.B(Bytes.copyOf(value.b().asByteArrayUnsafe()));
            case BOOL:
                return new AttributeValue.Bool(value.bool());
            case NUL:
                if (!Boolean.TRUE.equals(value.nul())) {
                    throw new IllegalArgumentException("NULL must be true, was " + value.nul());
                }
                return AttributeValue.Null.INSTANCE;
            case L:
                List<AttributeValue> list = new ArrayList<>(value.l().size());
                for (int i = 0; i < value.l().size(); i++) {
                    try {
                        list.add(fromSdk(value.l().get(i)));
                    } catch (IllegalArgumentException problem) {
                        throw rename(problem, "[" + i + "]: " + problem.getMessage());
                    }
                }
                return new AttributeValue.L(list);
            case M:
                Map<String, AttributeValue> map = new LinkedHashMap<>();
                for (Map.Entry<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> e
                        : value.m().entrySet()) {
                    try {
                        map.put(e.getKey(), fromSdk(e.getValue()));
                    } catch (IllegalArgumentException problem) {
                        throw rename(problem, "'" + e.getKey() + "': " + problem.getMessage());
                    }
                }
                return new AttributeValue.M(map);
            case SS:
                return new AttributeValue.SS(value.ss());
            case NS:
                return new AttributeValue.NS(value.ns());
            case BS:
                List<Bytes> bytes = new ArrayList<>(value.bs().size());
                for (SdkBytes b : value.bs()) {
                    bytes.add(Bytes.copyOf(b.asByteArrayUnsafe()));
                }
                return new AttributeValue.BS(bytes);
            default:
                throw new IllegalArgumentException("SDK attribute value of a type the core does not know (" + type
                        + "): " + value);
        }
    }

    private static SdkBytes sdkBytes(Bytes bytes) {
        // toByteArray is a fresh copy, which the SdkBytes may own.
        return SdkBytes.fromByteArrayUnsafe(bytes.toByteArray());
    }

    /** {@code problem} with {@code message}, of the same kind (an invalid attribute stays one). */
    private static IllegalArgumentException rename(IllegalArgumentException problem, String message) {
        IllegalArgumentException renamed = problem instanceof dev.streampipe.core.record.InvalidAttributeException
                ? new dev.streampipe.core.record.InvalidAttributeException(message)
                : new IllegalArgumentException(message);
        renamed.initCause(problem);
        return renamed;
    }
}

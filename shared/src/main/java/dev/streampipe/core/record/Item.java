package dev.streampipe.core.record;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable DynamoDB item or key set: attribute name to value. Typed accessors return empty when the
 * attribute is absent and throw {@link InvalidAttributeException} naming the attribute when it has another type, or
 * when the record carried a value that breaks DynamoDB's rules (a number of 39 significant digits, say): a fact about
 * the data, which makes the reading route reject the record.
 *
 * <p>An item may be <em>indexed</em>: a decoder that has validated the item's structure hands over where each
 * attribute is, and a value is read only when asked for (routes mostly look at one or two attributes of an image).
 * Either way an item behaves as an immutable value; equality is by attributes. Thread-safe.
 */
public final class Item {
    public static final Item EMPTY = new Item(Map.of(), null, null);

    /**
     * Where an indexed item's attributes come from: their names, and each value read on demand. {@link #read} must
     * be pure (same value every call) and may throw {@link IllegalArgumentException} for a value it cannot read.
     */
    public interface AttributeSource {
        int count();

        String name(int index);

        AttributeValue read(int index);
    }

    private volatile Map<String, AttributeValue> attributes;
    private final AttributeSource source;
    private final AttributeValue[] values;
    private final String unreadableReason;

    private Item(Map<String, AttributeValue> attributes, AttributeSource source, String unreadableReason) {
        this.attributes = attributes;
        this.source = source;
        this.values = source == null ? null : new AttributeValue[source.count()];
        this.unreadableReason = unreadableReason;
    }

    public static Item of(Map<String, AttributeValue> attributes) {
        return attributes.isEmpty() ? EMPTY : new Item(Map.copyOf(attributes), null, null);
    }

    /** An item whose values are read from {@code source} when first asked for. */
    public static Item indexed(AttributeSource source) {
        return new Item(null, Objects.requireNonNull(source, "source"), null);
    }

    /**
     * An image that is present but cannot be read as an item (a record that carries something else where the image
     * belongs): every read throws {@link InvalidAttributeException} with {@code reason}, so the routes that read it
     * reject the record and the others do not notice.
     */
    public static Item unreadable(String reason) {
        return new Item(null, null, Objects.requireNonNull(reason, "reason"));
    }

    /** Every attribute (each value read now, if indexed). */
    public Map<String, AttributeValue> attributes() {
        if (unreadableReason != null) {
            throw new InvalidAttributeException(unreadableReason);
        }
        Map<String, AttributeValue> a = attributes;
        if (a == null) {
            Map<String, AttributeValue> all = new java.util.HashMap<>();
            for (int i = 0; i < values.length; i++) {
                all.put(source.name(i), value(i));
            }
            a = Map.copyOf(all);
            attributes = a;
        }
        return a;
    }

    /** One attribute's value, read from the source only if not read before. Values are immutable, so a race only repeats a read. */
    private AttributeValue value(int i) {
        AttributeValue v = values[i];
        if (v == null) {
            v = source.read(i);
            values[i] = v;
        }
        return v;
    }

    private AttributeValue lookup(String name) {
        if (unreadableReason != null) {
            throw new InvalidAttributeException(unreadableReason);
        }
        Map<String, AttributeValue> a = attributes;
        if (a != null) {
            return a.get(name);
        }
        for (int i = values.length - 1; i >= 0; i--) {
            if (source.name(i).equals(name)) {
                return value(i);
            }
        }
        return null;
    }

    /** The attribute names, without reading any value. */
    public java.util.Set<String> names() {
        if (unreadableReason != null) {
            throw new InvalidAttributeException(unreadableReason);
        }
        Map<String, AttributeValue> a = attributes;
        if (a != null) {
            return a.keySet();
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (int i = 0; i < values.length; i++) {
            names.add(source.name(i));
        }
        return java.util.Collections.unmodifiableSet(names);
    }

    public Optional<AttributeValue> get(String name) {
        return Optional.ofNullable(lookup(name));
    }

    public boolean has(String name) {
        return lookup(name) != null;
    }

    public Optional<String> string(String name) {
        AttributeValue v = lookup(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof AttributeValue.S s) {
            return Optional.of(s.value());
        }
        throw wrongType(name, "S", v);
    }

    public Optional<AttributeValue.N> number(String name) {
        AttributeValue v = lookup(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof AttributeValue.N num) {
            return Optional.of(num);
        }
        throw wrongType(name, "N", v);
    }

    /** The string or number value of a key attribute as text (binary as base64); empty when absent. */
    public Optional<String> keyText(String name) {
        AttributeValue v = lookup(name);
        if (v instanceof AttributeValue.S s) {
            return Optional.of(s.value());
        }
        if (v instanceof AttributeValue.N num) {
            return Optional.of(num.value());
        }
        if (v instanceof AttributeValue.B b) {
            return Optional.of(b.value().toBase64());
        }
        return Optional.empty();
    }

    public int size() {
        return attributes().size();
    }

    private static InvalidAttributeException wrongType(String name, String expected, AttributeValue actual) {
        return new InvalidAttributeException(
                "attribute '" + name + "' must be " + expected + ", was " + actual.type());
    }

    /**
     * Equal by attributes; an attribute that cannot be read counts as its reason, and an unreadable item as its
     * reason. Never throws, so records can be compared, hashed and kept in sets whatever they carry.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Item other && contents().equals(other.contents());
    }

    @Override
    public int hashCode() {
        return contents().hashCode();
    }

    /** The attributes when all can be read; else each name to its value or to why it cannot be read. */
    private Object contents() {
        if (unreadableReason != null) {
            return unreadableReason;
        }
        try {
            return attributes();
        } catch (InvalidAttributeException e) {
            Map<String, Object> contents = new java.util.HashMap<>();
            for (int i = 0; i < values.length; i++) {
                try {
                    contents.put(source.name(i), value(i));
                } catch (InvalidAttributeException unreadable) {
                    contents.put(source.name(i), unreadable.getMessage());
                }
            }
            return contents;
        }
    }

    /** The attributes, or why they cannot be read (never throws: it is for logs). */
    @Override
    public String toString() {
        try {
            return "Item" + attributes();
        } catch (InvalidAttributeException e) {
            return "Item[unreadable: " + e.getMessage() + "]";
        }
    }
}

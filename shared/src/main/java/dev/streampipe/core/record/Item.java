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
 *
 * <p>An item also becomes a value of the user's own type with {@link #as}, converted once however many routes ask.
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
    /**
     * What {@link #as} made of this item: converter, outcome pairs, the newest last, at most {@link #CONVERSION_SLOTS}.
     * Replaced whole, never changed in place, so a race only repeats a conversion.
     */
    private volatile Object[] conversions;

    /** How many converters' outcomes an item keeps (a record's routes mostly read it as one type, seldom two). */
    private static final int CONVERSION_SLOTS = 4;
    /** The outcome of a converter that returned {@code null}. */
    private static final Object NULL_OUTCOME = new Object();

    /** The outcome of a converter that found the item does not convert. */
    private static final class Failed {
        final InvalidAttributeException failure;

        Failed(InvalidAttributeException failure) {
            this.failure = failure;
        }
    }

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

    /**
     * The attributes named in {@code names} that this item has (only their values read, if indexed), in the item's
     * order: what a mapping that declares its attributes needs, without reading the rest.
     */
    public Map<String, AttributeValue> attributes(java.util.Set<String> names) {
        if (unreadableReason != null) {
            throw new InvalidAttributeException(unreadableReason);
        }
        Map<String, AttributeValue> all = attributes;
        Map<String, AttributeValue> some = new java.util.LinkedHashMap<>();
        if (all != null) {
            for (Map.Entry<String, AttributeValue> e : all.entrySet()) {
                if (names.contains(e.getKey())) {
                    some.put(e.getKey(), e.getValue());
                }
            }
            return some;
        }
        for (int i = 0; i < values.length; i++) {
            String name = source.name(i);
            if (names.contains(name)) {
                some.put(name, value(i));
            }
        }
        return some;
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

    /**
     * This item as a {@code T}, converted by {@code converter} the first time it is asked for and remembered for that
     * converter instance: every route and predicate that reads this image as a {@code T} through the same converter
     * shares one conversion (and one value, which readers must therefore not change). A conversion that failed with
     * {@link InvalidAttributeException} fails the same way again (a new exception with the same message, caused by
     * the first) without converting again. A few converters are remembered per item; the empty item remembers none.
     *
     * @throws InvalidAttributeException when the item does not convert to a {@code T}
     */
    @SuppressWarnings("unchecked")
    public <T> T as(ItemConverter<T> converter) {
        Objects.requireNonNull(converter, "converter");
        if (this == EMPTY) {
            // One instance shared by every record: what it remembered would outlive them.
            return converter.convert(this);
        }
        Object[] known = conversions;
        if (known != null) {
            for (int i = 0; i < known.length; i += 2) {
                if (known[i] == converter) {
                    Object outcome = known[i + 1];
                    if (outcome instanceof Failed failed) {
                        InvalidAttributeException again = new InvalidAttributeException(failed.failure.getMessage());
                        again.initCause(failed.failure);
                        throw again;
                    }
                    return outcome == NULL_OUTCOME ? null : (T) outcome;
                }
            }
        }
        T value;
        try {
            value = converter.convert(this);
        } catch (InvalidAttributeException e) {
            remember(converter, new Failed(e));
            throw e;
        }
        remember(converter, value == null ? NULL_OUTCOME : value);
        return value;
    }

    private void remember(ItemConverter<?> converter, Object outcome) {
        Object[] known = conversions;
        int kept = known == null ? 0 : Math.min(known.length, 2 * (CONVERSION_SLOTS - 1));
        Object[] next = new Object[kept + 2];
        if (kept > 0) {
            System.arraycopy(known, known.length - kept, next, 0, kept);
        }
        next[kept] = converter;
        next[kept + 1] = outcome;
        conversions = next;
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

package dev.streampipe.core.record;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An immutable DynamoDB item or key set: attribute name to value. Typed accessors return empty when the
 * attribute is absent and throw {@link IllegalArgumentException} naming the attribute when it has another type.
 *
 * <p>An item may be <em>deferred</em>: its attributes are read from their source on first access (a decoder
 * validates the structure up front and leaves the values for when a route needs them). Deferred or not, an item
 * behaves as an immutable value; equality is by attributes. Thread-safe.
 */
public final class Item {
    public static final Item EMPTY = new Item(Map.of(), null);

    private volatile Map<String, AttributeValue> attributes;
    private Supplier<Map<String, AttributeValue>> loader;

    private Item(Map<String, AttributeValue> attributes, Supplier<Map<String, AttributeValue>> loader) {
        this.attributes = attributes;
        this.loader = loader;
    }

    public static Item of(Map<String, AttributeValue> attributes) {
        return attributes.isEmpty() ? EMPTY : new Item(Map.copyOf(attributes), null);
    }

    /**
     * An item whose attributes {@code loader} produces on first access. The loader must be pure (same result every
     * call) and may throw {@link IllegalArgumentException} for a value it cannot read.
     */
    public static Item deferred(Supplier<Map<String, AttributeValue>> loader) {
        return new Item(null, Objects.requireNonNull(loader, "loader"));
    }

    /** Every attribute, read now if deferred. */
    public Map<String, AttributeValue> attributes() {
        Map<String, AttributeValue> a = attributes;
        if (a == null) {
            synchronized (this) {
                a = attributes;
                if (a == null) {
                    a = Map.copyOf(loader.get());
                    attributes = a;
                    loader = null;
                }
            }
        }
        return a;
    }

    public Optional<AttributeValue> get(String name) {
        return Optional.ofNullable(attributes().get(name));
    }

    public boolean has(String name) {
        return attributes().containsKey(name);
    }

    public Optional<String> string(String name) {
        AttributeValue v = attributes().get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof AttributeValue.S s) {
            return Optional.of(s.value());
        }
        throw wrongType(name, "S", v);
    }

    public Optional<AttributeValue.N> number(String name) {
        AttributeValue v = attributes().get(name);
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
        AttributeValue v = attributes().get(name);
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

    private static IllegalArgumentException wrongType(String name, String expected, AttributeValue actual) {
        return new IllegalArgumentException(
                "attribute '" + name + "' must be " + expected + ", was " + actual.type());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Item other && attributes().equals(other.attributes());
    }

    @Override
    public int hashCode() {
        return attributes().hashCode();
    }

    @Override
    public String toString() {
        return "Item" + attributes();
    }
}

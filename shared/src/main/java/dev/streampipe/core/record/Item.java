package dev.streampipe.core.record;

import java.util.Map;
import java.util.Optional;

/**
 * An immutable DynamoDB item or key set: attribute name to value. Typed accessors return empty when the
 * attribute is absent and throw {@link IllegalArgumentException} naming the attribute when it has another type.
 */
public record Item(Map<String, AttributeValue> attributes) {
    public static final Item EMPTY = new Item(Map.of());

    public Item {
        attributes = Map.copyOf(attributes);
    }

    public static Item of(Map<String, AttributeValue> attributes) {
        return attributes.isEmpty() ? EMPTY : new Item(attributes);
    }

    public Optional<AttributeValue> get(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    public boolean has(String name) {
        return attributes.containsKey(name);
    }

    public Optional<String> string(String name) {
        AttributeValue v = attributes.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof AttributeValue.S s) {
            return Optional.of(s.value());
        }
        throw wrongType(name, "S", v);
    }

    public Optional<AttributeValue.N> number(String name) {
        AttributeValue v = attributes.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof AttributeValue.N num) {
            return Optional.of(num);
        }
        throw wrongType(name, "N", v);
    }

    /** The string or number value of a key attribute as text; empty when absent or of another type. */
    public Optional<String> keyText(String name) {
        AttributeValue v = attributes.get(name);
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
        return attributes.size();
    }

    private static IllegalArgumentException wrongType(String name, String expected, AttributeValue actual) {
        return new IllegalArgumentException(
                "attribute '" + name + "' must be " + expected + ", was " + actual.type());
    }
}

package dev.streampipe.core.record;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB item size, following the published rules ("Item sizes and formats" in the
 * DynamoDB developer guide). Item size is the sum over attributes of the attribute name's
 * UTF-8 length plus the value size:
 * <ul>
 *   <li>string: UTF-8 bytes; binary: raw bytes; null and boolean: 1 byte;</li>
 *   <li>number: {@code ceil(significant digits / 2) + 1} bytes, leading and trailing zeros
 *       trimmed. This is DynamoDB's own approximation; the exact internal encoding may differ by
 *       a byte (e.g. for negative numbers), which never moves an item across a 1 KB boundary by
 *       more than that byte;</li>
 *   <li>list and map: 3 bytes of overhead plus, per element, 1 byte plus the element's size
 *       (for a map element: its name's UTF-8 length plus its value size);</li>
 *   <li>string, number and binary sets: the sum of their elements' sizes.</li>
 * </ul>
 *
 * <p>{@link #ofItem(Map)} reads a plain-Java view of an item: {@link CharSequence} is a string,
 * {@link Number} a number, {@code byte[]}/{@link ByteBuffer} binary, {@link Boolean} a boolean,
 * {@code null} the null type, {@link List} a list, {@link Map} (string keys) a map and
 * {@link Set} a set of any of the scalar types. Adapters holding another attribute model can
 * sum with the per-type methods instead. The storage overhead DynamoDB bills separately (100
 * bytes per item for indexing) does not count toward capacity units and is not included.
 */
public final class ItemSize {

    public static final int LIST_OR_MAP_OVERHEAD = 3;
    public static final int PER_ELEMENT_OVERHEAD = 1;

    private ItemSize() {
    }

    /** Size in bytes of an item given as attribute name → plain-Java value. */
    public static long ofItem(Map<String, ?> item) {
        if (item == null) {
            throw new IllegalArgumentException("item must not be null");
        }
        long size = 0;
        for (Map.Entry<String, ?> attribute : item.entrySet()) {
            size += ofAttribute(attribute.getKey(), attribute.getValue());
        }
        return size;
    }

    /** Size of one attribute: name bytes plus value bytes. */
    public static long ofAttribute(String name, Object value) {
        if (name == null) {
            throw new IllegalArgumentException("attribute name must not be null");
        }
        return utf8Length(name) + ofValue(value);
    }

    /** Size of a value without its attribute name; see the class comment for the type mapping. */
    public static long ofValue(Object value) {
        if (value == null || value instanceof Boolean) {
            return ofNullOrBoolean();
        }
        if (value instanceof CharSequence s) {
            return utf8Length(s);
        }
        if (value instanceof Number n) {
            return ofNumber(n);
        }
        if (value instanceof byte[] bytes) {
            return bytes.length;
        }
        if (value instanceof ByteBuffer buffer) {
            return buffer.remaining();
        }
        if (value instanceof Set<?> set) {
            return sumOfElements(set);
        }
        if (value instanceof List<?> list) {
            return ofList(list);
        }
        if (value instanceof Map<?, ?> map) {
            return ofMap(map);
        }
        throw new IllegalArgumentException("unsupported attribute value type " + value.getClass().getName());
    }

    /** Size of a null or boolean value: 1 byte. */
    public static int ofNullOrBoolean() {
        return 1;
    }

    /** Size of a number written as DynamoDB sends it (e.g. {@code "-12.50"}, {@code "1E+3"}). */
    public static int ofNumber(String numeral) {
        if (numeral == null || numeral.isEmpty()) {
            throw new IllegalArgumentException("number must not be empty, was '" + numeral + "'");
        }
        return numberBytes(significantDigits(numeral));
    }

    /** Size of a number value. */
    public static int ofNumber(Number number) {
        BigDecimal decimal = number instanceof BigDecimal d ? d
                : number instanceof BigInteger i ? new BigDecimal(i)
                : number instanceof Double || number instanceof Float ? BigDecimal.valueOf(number.doubleValue())
                : BigDecimal.valueOf(number.longValue());
        return numberBytes(decimal.signum() == 0 ? 1 : decimal.stripTrailingZeros().precision());
    }

    /** UTF-8 length of a string without encoding it. Unpaired surrogates count as 3 bytes. */
    public static int utf8Length(CharSequence s) {
        int bytes = 0;
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static long ofList(List<?> list) {
        long size = LIST_OR_MAP_OVERHEAD;
        for (Object element : list) {
            size += PER_ELEMENT_OVERHEAD + ofValue(element);
        }
        return size;
    }

    private static long ofMap(Map<?, ?> map) {
        long size = LIST_OR_MAP_OVERHEAD;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String name)) {
                throw new IllegalArgumentException("map attribute names must be strings, was " + entry.getKey());
            }
            size += PER_ELEMENT_OVERHEAD + ofAttribute(name, entry.getValue());
        }
        return size;
    }

    private static long sumOfElements(Collection<?> set) {
        long size = 0;
        for (Object element : set) {
            if (element == null || element instanceof Collection<?> || element instanceof Map<?, ?>) {
                throw new IllegalArgumentException("set elements must be strings, numbers or binaries, was " + element);
            }
            size += ofValue(element);
        }
        return size;
    }

    private static int numberBytes(int significantDigits) {
        return (significantDigits + 1) / 2 + 1;
    }

    static int significantDigits(String numeral) {
        int end = numeral.length();
        int exponent = Math.max(numeral.indexOf('e'), numeral.indexOf('E'));
        if (exponent >= 0) {
            end = exponent;
        }
        int first = -1;
        int last = -1;
        int digitsBetween = 0;
        for (int i = 0; i < end; i++) {
            char c = numeral.charAt(i);
            if (c >= '1' && c <= '9') {
                if (first < 0) {
                    first = i;
                }
                last = i;
            } else if (c != '0' && c != '.' && c != '-' && c != '+') {
                throw new IllegalArgumentException("not a number: '" + numeral + "'");
            }
        }
        if (first < 0) {
            return 1;
        }
        for (int i = first; i <= last; i++) {
            if (Character.isDigit(numeral.charAt(i))) {
                digitsBetween++;
            }
        }
        return digitsBetween;
    }
}

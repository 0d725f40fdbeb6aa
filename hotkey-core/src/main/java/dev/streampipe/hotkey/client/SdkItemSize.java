package dev.streampipe.hotkey.client;

import dev.streampipe.core.record.ItemSize;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB item size of an SDK v2 attribute map, by the rules of {@link ItemSize}: attribute name
 * UTF-8 bytes plus value bytes; strings UTF-8, numbers {@code ceil(significant digits / 2) + 1},
 * binaries raw, booleans and nulls 1, lists and maps 3 + per element 1 + element, sets the sum of
 * their elements. The SDK's value is read as is: nothing is decoded or copied.
 */
public final class SdkItemSize {

    private SdkItemSize() {
    }

    /** Size in bytes of an item (or a key, or an image); an empty or absent map is 0. */
    public static long ofItem(Map<String, AttributeValue> item) {
        if (item == null) {
            return 0;
        }
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += ItemSize.utf8Length(attribute.getKey()) + ofValue(attribute.getValue());
        }
        return size;
    }

    /**
     * Size of one value without its name.
     *
     * @throws IllegalArgumentException for a value of no known type (a newer SDK's type)
     */
    public static long ofValue(AttributeValue value) {
        return switch (value.type()) {
            case S -> ItemSize.utf8Length(value.s());
            case N -> ItemSize.ofNumber(value.n());
            case B -> value.b().asByteArrayUnsafe().length;
            case BOOL, NUL -> ItemSize.ofNullOrBoolean();
            case SS -> value.ss().stream().mapToLong(ItemSize::utf8Length).sum();
            case NS -> value.ns().stream().mapToLong(ItemSize::ofNumber).sum();
            case BS -> value.bs().stream().mapToLong(SdkItemSize::length).sum();
            case L -> ofList(value.l());
            case M -> ofMap(value.m());
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException(
                    "attribute value of a type unknown to this SDK: " + value);
        };
    }

    private static long ofList(List<AttributeValue> list) {
        long size = ItemSize.LIST_OR_MAP_OVERHEAD;
        for (AttributeValue element : list) {
            size += ItemSize.PER_ELEMENT_OVERHEAD + ofValue(element);
        }
        return size;
    }

    private static long ofMap(Map<String, AttributeValue> map) {
        long size = ItemSize.LIST_OR_MAP_OVERHEAD;
        for (Map.Entry<String, AttributeValue> entry : map.entrySet()) {
            size += ItemSize.PER_ELEMENT_OVERHEAD + ItemSize.utf8Length(entry.getKey()) + ofValue(entry.getValue());
        }
        return size;
    }

    private static long length(SdkBytes bytes) {
        return bytes.asByteArrayUnsafe().length;
    }
}

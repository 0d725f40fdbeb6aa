package dev.streampipe.bench.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streampipe.core.record.ItemSize;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Items in DynamoDB's wire JSON ({@code {"PK": {"S": ".."}}}): their size by {@link ItemSize}'s rules, and the item
 * an {@code UpdateItem} leaves, for the plain {@code SET #name = :value, ...} expressions the harness sends.
 */
final class DynamoItems {
    private DynamoItems() {
    }

    /** Size in bytes of an item (attribute name to typed value). */
    static long size(JsonNode item) {
        long size = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> attribute = it.next();
            size += ItemSize.utf8Length(attribute.getKey()) + valueSize(attribute.getValue());
        }
        return size;
    }

    private static long valueSize(JsonNode typed) {
        Map.Entry<String, JsonNode> only = typed.fields().next();
        JsonNode v = only.getValue();
        return switch (only.getKey()) {
            case "S" -> ItemSize.utf8Length(v.asText());
            case "N" -> ItemSize.ofNumber(v.asText());
            case "B" -> Base64.getDecoder().decode(v.asText()).length;
            case "BOOL", "NULL" -> ItemSize.ofNullOrBoolean();
            case "SS" -> sum(v, e -> ItemSize.utf8Length(e.asText()));
            case "NS" -> sum(v, e -> ItemSize.ofNumber(e.asText()));
            case "BS" -> sum(v, e -> Base64.getDecoder().decode(e.asText()).length);
            case "L" -> ItemSize.LIST_OR_MAP_OVERHEAD + sum(v, e -> ItemSize.PER_ELEMENT_OVERHEAD + valueSize(e));
            case "M" -> ItemSize.LIST_OR_MAP_OVERHEAD + v.size() * (long) ItemSize.PER_ELEMENT_OVERHEAD + size(v);
            default -> throw new IllegalArgumentException("unknown DynamoDB attribute type '" + only.getKey() + "'");
        };
    }

    private static long sum(JsonNode array, java.util.function.ToLongFunction<JsonNode> each) {
        long n = 0;
        for (JsonNode e : array) {
            n += each.applyAsLong(e);
        }
        return n;
    }

    /**
     * The item after an {@code UpdateItem} request on {@code before} (the key alone when the item is absent).
     *
     * @throws IllegalArgumentException for an expression other than comma-separated {@code name = :value} SETs
     */
    static ObjectNode afterUpdate(JsonNode before, JsonNode request) {
        ObjectNode after = before.deepCopy();
        String expression = request.path("UpdateExpression").asText("").trim();
        if (!expression.regionMatches(true, 0, "SET ", 0, 4)) {
            throw new IllegalArgumentException("only 'SET a = :v, ...' update expressions are metered, was '"
                    + expression + "'");
        }
        for (String clause : expression.substring(4).split(",")) {
            String[] sides = clause.split("=");
            String name = sides.length == 2 ? resolve(sides[0].trim(), request.path("ExpressionAttributeNames")) : "";
            JsonNode value = sides.length == 2 ? request.path("ExpressionAttributeValues").get(sides[1].trim()) : null;
            if (name.isEmpty() || value == null) {
                throw new IllegalArgumentException("only 'name = :value' SET clauses are metered, was '" + clause
                        + "' in '" + expression + "'");
            }
            after.set(name, value);
        }
        return after;
    }

    private static String resolve(String name, JsonNode names) {
        return name.startsWith("#") ? names.path(name).asText("") : name;
    }
}

package dev.streampipe.hotkey.client;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The partition key value a query targets, from its key condition: the equality on the configured partition
 * key attribute (names through {@code ExpressionAttributeNames}), or when none is configured the first
 * equality of the expression (DynamoDB requires the partition key condition to be an equality; write it
 * first). The legacy {@code KeyConditions} map is read the same way. Null when it cannot be told.
 */
final class KeyConditions {

    private static final Pattern EQUALITY = Pattern.compile("\\(?\\s*([#\\w.]+)\\s*=\\s*(:[\\w]+)\\s*\\)?");
    private static final Pattern AND = Pattern.compile("\\s+(?i:and)\\s+");

    private KeyConditions() {
    }

    static String partitionKey(QueryRequest query, String attribute) {
        String expression = query.keyConditionExpression();
        if (expression != null) {
            for (String term : AND.split(expression.trim())) {
                Matcher m = EQUALITY.matcher(term.trim());
                if (m.matches() && (attribute == null || attribute.equals(name(m.group(1), query.expressionAttributeNames())))) {
                    return KeySchemas.text(query.expressionAttributeValues().get(m.group(2)));
                }
            }
            return null;
        }
        for (Map.Entry<String, Condition> condition : query.keyConditions().entrySet()) {
            if (condition.getValue().comparisonOperator() == ComparisonOperator.EQ
                    && (attribute == null || attribute.equals(condition.getKey()))
                    && condition.getValue().hasAttributeValueList()) {
                AttributeValue value = condition.getValue().attributeValueList().get(0);
                String text = KeySchemas.text(value);
                if (attribute != null || condition.getKey().toLowerCase(Locale.ROOT).equals("pk")
                        || query.keyConditions().size() == 1) {
                    return text;
                }
            }
        }
        return null;
    }

    private static String name(String token, Map<String, String> names) {
        return token.startsWith("#") ? names.get(token) : token;
    }
}

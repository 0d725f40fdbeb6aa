package dev.streampipe.core.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.streampipe.core.record.AttributeValue;
import dev.streampipe.core.record.Bytes;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.record.Texts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The DynamoDB attribute-value JSON grammar ({@code {"S":"..."}}, {@code {"M":{...}}}, ...), read from a
 * {@link JsonParser} positioned on the value's first token, plus the token helpers the record reader shares.
 *
 * <p>Contract: {@link #readItem}/{@link #readValue} build values; {@link #scanItem}/{@link #scanValue} apply the
 * same checks with the same field paths and messages without building anything (no allocation per token on valid
 * input). Every method leaves the parser on the value's last token and throws {@link FieldError} naming the
 * offending path, e.g. {@code dynamodb.NewImage.tags.L[2].N}. An attribute value has exactly one member that is not
 * JSON {@code null}; {@code null} members beside it (as SDK marshallers in other languages write them) are ignored.
 * Stateless.
 */
final class AttributeJson {
    /** An item is at most 400 KB, so no string value has more characters (each is at least one UTF-8 byte). */
    static final int MAX_STRING_CHARS = 400 * 1024;
    /** Base64 of 400 KB. */
    static final int MAX_BASE64_CHARS = (MAX_STRING_CHARS + 2) / 3 * 4;
    private AttributeJson() {
    }

    /** Reads a map of attributes, or {@code null} for JSON null. */
    static Item readItem(JsonParser p, JsonToken v, String field) throws IOException, FieldError {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(v, JsonToken.START_OBJECT, field, "a map of attributes");
        Map<String, AttributeValue> attributes = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken av = p.nextToken();
            try {
                attributes.put(name, readValue(p, av, field));
            } catch (FieldError e) {
                throw under(e, field, "." + name);
            }
        }
        return Item.of(attributes);
    }

    /**
     * Reads one attribute value. Members whose value is JSON {@code null} are skipped, so the form some SDK
     * marshallers write ({@code {"S":"x","N":null,"M":null,...}}) reads as its one real type.
     */
    static AttributeValue readValue(JsonParser p, JsonToken v, String field) throws IOException, FieldError {
        expect(v, JsonToken.START_OBJECT, field, "an attribute value object like {\"S\":\"...\"}");
        AttributeValue value = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String type = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            if (value != null) {
                throw new FieldError(field, "attribute value must have exactly one type descriptor");
            }
            value = readTyped(p, type, t, field);
        }
        if (value == null) {
            throw new FieldError(field, "attribute value has no type descriptor");
        }
        return value;
    }

    private static AttributeValue readTyped(JsonParser p, String type, JsonToken t, String field)
            throws IOException, FieldError {
        String fp = field + "." + type;
        return switch (type) {
            case "S" -> new AttributeValue.S(text(p, t, fp));
            case "N" -> number(text(p, t, fp), fp);
            case "B" -> new AttributeValue.B(base64(text(p, t, fp), fp));
            case "BOOL" -> new AttributeValue.Bool(bool(p, t, fp));
            case "NULL" -> {
                if (!bool(p, t, fp)) {
                    throw new FieldError(fp, "must be true");
                }
                yield AttributeValue.Null.INSTANCE;
            }
            case "L" -> {
                expect(t, JsonToken.START_ARRAY, fp, "an array");
                List<AttributeValue> list = new ArrayList<>();
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    try {
                        list.add(readValue(p, e, fp));
                    } catch (FieldError error) {
                        throw under(error, fp, "[" + list.size() + "]");
                    }
                }
                yield new AttributeValue.L(list);
            }
            case "M" -> new AttributeValue.M(readItem(p, t, fp).attributes());
            case "SS" -> new AttributeValue.SS(stringArray(p, t, fp));
            case "NS" -> {
                List<String> numbers = stringArray(p, t, fp);
                for (int i = 0; i < numbers.size(); i++) {
                    try {
                        number(numbers.get(i), fp);
                    } catch (FieldError error) {
                        throw under(error, fp, "[" + i + "]");
                    }
                }
                yield new AttributeValue.NS(numbers);
            }
            case "BS" -> {
                List<String> texts = stringArray(p, t, fp);
                List<Bytes> bytes = new ArrayList<>(texts.size());
                for (int i = 0; i < texts.size(); i++) {
                    try {
                        bytes.add(base64(texts.get(i), fp));
                    } catch (FieldError error) {
                        throw under(error, fp, "[" + i + "]");
                    }
                }
                yield new AttributeValue.BS(bytes);
            }
            default -> throw new FieldError(field, "unknown attribute type '" + abbreviate(type) + "'");
        };
    }

    private static List<String> stringArray(JsonParser p, JsonToken t, String field) throws IOException, FieldError {
        expect(t, JsonToken.START_ARRAY, field, "an array of strings");
        List<String> values = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            try {
                values.add(text(p, e, field));
            } catch (FieldError error) {
                throw under(error, field, "[" + values.size() + "]");
            }
        }
        return values;
    }

    static void scanItem(JsonParser p, JsonToken v, String field) throws IOException, FieldError {
        expect(v, JsonToken.START_OBJECT, field, "a map of attributes");
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            try {
                scanValue(p, p.nextToken(), field);
            } catch (FieldError e) {
                throw under(e, field, "." + name);
            }
        }
    }

    /** The same checks, paths and messages as {@link #readValue}, without building values. */
    static void scanValue(JsonParser p, JsonToken v, String field) throws IOException, FieldError {
        expect(v, JsonToken.START_OBJECT, field, "an attribute value object like {\"S\":\"...\"}");
        boolean typed = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String type = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            if (typed) {
                throw new FieldError(field, "attribute value must have exactly one type descriptor");
            }
            typed = true;
            scanTyped(p, type, t, field);
        }
        if (!typed) {
            throw new FieldError(field, "attribute value has no type descriptor");
        }
    }

    private static void scanTyped(JsonParser p, String type, JsonToken t, String field) throws IOException, FieldError {
        String fp = field + "." + type;
        switch (type) {
            case "S" -> {
                expectText(p, t, fp);
                checkLength(p, fp, MAX_STRING_CHARS);
            }
            case "N" -> number(text(p, t, fp), fp); // its length is bounded before it is read
            case "B" -> {
                expectText(p, t, fp);
                checkLength(p, fp, MAX_BASE64_CHARS);
                checkBase64(p, fp);
            }
            case "BOOL" -> bool(p, t, fp);
            case "NULL" -> {
                if (!bool(p, t, fp)) {
                    throw new FieldError(fp, "must be true");
                }
            }
            case "L" -> {
                expect(t, JsonToken.START_ARRAY, fp, "an array");
                int i = 0;
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    try {
                        scanValue(p, e, fp);
                    } catch (FieldError error) {
                        throw under(error, fp, "[" + i + "]");
                    }
                    i++;
                }
            }
            case "M" -> scanItem(p, t, fp);
            case "SS", "NS", "BS" -> {
                expect(t, JsonToken.START_ARRAY, fp, "an array of strings");
                int i = 0;
                JsonToken e;
                while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                    try {
                        expectText(p, e, fp);
                        if (type.equals("SS")) {
                            checkLength(p, fp, MAX_STRING_CHARS);
                        } else if (type.equals("NS")) {
                            number(p.getText(), fp);
                        } else {
                            checkLength(p, fp, MAX_BASE64_CHARS);
                            checkBase64(p, fp);
                        }
                    } catch (FieldError error) {
                        throw under(error, fp, "[" + i + "]");
                    }
                    i++;
                }
            }
            default -> throw new FieldError(field, "unknown attribute type '" + abbreviate(type) + "'");
        }
    }

    /**
     * Refuses a text longer than any value DynamoDB can hold before anything reads it: work per value stays bounded
     * by DynamoDB's own limits, not by the size of the event.
     */
    private static void checkLength(JsonParser p, String field, int max) throws IOException, FieldError {
        int length = p.getTextLength();
        if (length > max) {
            throw new FieldError(field, "a text of " + length + " characters, longer than any DynamoDB value of this"
                    + " type (at most " + max + ")");
        }
    }

    /**
     * The error {@code e}, found with {@code path} standing for the value's own path, re-raised at
     * {@code path + segment}: paths of list elements and map entries are built only when an error needs one, so a
     * value's work does not grow with its parent's path (which may hold a 64 KB attribute name) times its elements.
     */
    private static FieldError under(FieldError e, String path, String segment) {
        return new FieldError(path + segment + e.field.substring(path.length()), e.getMessage());
    }

    private static void expectText(JsonParser p, JsonToken t, String field) throws IOException, FieldError {
        if (t != JsonToken.VALUE_STRING) {
            throw new FieldError(field, "must be a string, was " + describe(p, t));
        }
    }

    /** Validates the current string token as standard base64 in the parser's buffer, without allocating. */
    private static void checkBase64(JsonParser p, String field) throws IOException, FieldError {
        char[] chars = p.getTextCharacters();
        int from = p.getTextOffset();
        int len = p.getTextLength();
        int padding = 0;
        boolean ok = true;
        for (int i = 0; i < len && ok; i++) {
            char c = chars[from + i];
            if (c == '=') {
                padding++;
                ok = padding <= 2;
            } else {
                ok = padding == 0 && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                        || c == '+' || c == '/');
            }
        }
        ok = ok && (padding > 0 ? len % 4 == 0 : len % 4 != 1);
        if (!ok) {
            base64(p.getText(), field);
            throw new FieldError(field, "not base64");
        }
    }

    static AttributeValue.N number(String text, String field) throws FieldError {
        try {
            return new AttributeValue.N(text);
        } catch (IllegalArgumentException e) {
            throw new FieldError(field, e.getMessage());
        }
    }

    static Bytes base64(String text, String field) throws FieldError {
        try {
            return Bytes.fromBase64(text);
        } catch (IllegalArgumentException e) {
            throw new FieldError(field, "not base64: " + e.getMessage());
        }
    }

    static boolean bool(JsonParser p, JsonToken t, String field) throws IOException, FieldError {
        if (t == JsonToken.VALUE_TRUE) {
            return true;
        }
        if (t == JsonToken.VALUE_FALSE) {
            return false;
        }
        throw new FieldError(field, "must be true or false, was " + describe(p, t));
    }

    /** The current token's text; a {@link FieldError} unless it is a JSON string. */
    static String text(JsonParser p, JsonToken t, String field) throws IOException, FieldError {
        if (t != JsonToken.VALUE_STRING) {
            throw new FieldError(field, "must be a string, was " + describe(p, t));
        }
        return p.getText();
    }

    static void expect(JsonToken actual, JsonToken expected, String field, String what) throws FieldError {
        if (actual != expected) {
            throw new FieldError(field, "must be " + what + ", was " + actual);
        }
    }

    /** A short description of the token found, for error messages. */
    static String describe(JsonParser p, JsonToken t) throws IOException {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case VALUE_STRING -> "string '" + abbreviate(p.getText()) + "'";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number " + abbreviate(p.getText());
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> t.toString();
        };
    }

    /** At most 40 characters of {@code s}, so a huge bad value cannot blow up an error message. */
    static String abbreviate(String s) {
        return Texts.abbreviate(s, 40);
    }
}

package dev.streampipe.core.json;


/**
 * Writes small flat JSON objects into a {@link StringBuilder}: the router's payloads are a dozen scalar fields,
 * and a streaming generator per payload costs more than the payload. Strings are escaped per RFC 8259.
 */
public final class JsonText {
    private final StringBuilder sb = new StringBuilder(256).append('{');
    private boolean first = true;

    public static JsonText object() {
        return new JsonText();
    }

    public JsonText field(String name, String valueOrNull) {
        key(name);
        if (valueOrNull == null) {
            sb.append("null");
        } else {
            string(valueOrNull);
        }
        return this;
    }

    public JsonText field(String name, long value) {
        key(name);
        sb.append(value);
        return this;
    }

    /** A finite number as a JSON number; NaN and infinities, which JSON has no form for, as their text. */
    public JsonText field(String name, double value) {
        if (!Double.isFinite(value)) {
            return field(name, Double.toString(value));
        }
        key(name);
        sb.append(value);
        return this;
    }

    public JsonText field(String name, boolean value) {
        key(name);
        sb.append(value);
        return this;
    }

    /** A field whose value is already JSON text (an object or array built elsewhere). */
    public JsonText raw(String name, String json) {
        key(name);
        sb.append(json);
        return this;
    }

    public JsonText field(String name, java.util.List<String> values) {
        key(name);
        sb.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            string(values.get(i));
        }
        sb.append(']');
        return this;
    }

    public String end() {
        return sb.append('}').toString();
    }

    private void key(String name) {
        if (!first) {
            sb.append(',');
        }
        first = false;
        string(name);
        sb.append(':');
    }

    private void string(String s) {
        JsonStrings.append(sb, s);
    }
}

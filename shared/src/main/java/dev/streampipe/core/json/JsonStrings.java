package dev.streampipe.core.json;

/**
 * Writes a Java string as a JSON string literal (RFC 8259): quotes, backslashes and control characters escaped,
 * U+2028/U+2029 escaped for JavaScript consumers, and a lone surrogate escaped so the output is valid UTF-8.
 */
public final class JsonStrings {
    private JsonStrings() {
    }

    public static String quote(String s) {
        return append(new StringBuilder(s.length() + 2), s).toString();
    }

    public static StringBuilder append(StringBuilder sb, String s) {
        if (plain(s)) {
            return sb.append('"').append(s).append('"');
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029' || (Character.isSurrogate(c) && !pairedAt(s, i))) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    /** True when no character needs escaping: the common case, appended in one go. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x2028) {
                return false;
            }
        }
        return true;
    }

    private static boolean pairedAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}

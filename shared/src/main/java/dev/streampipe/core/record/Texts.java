package dev.streampipe.core.record;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Texts that come from outside (values, reasons, files, payloads): bounded before they reach a message, shown on one
 * line, and read as UTF-8 strictly. One implementation for every entry point, so they all say the same thing.
 */
public final class Texts {
    /** Characters of a user's value a message shows before cutting it. */
    public static final int SHOWN_CHARS = 60;

    private Texts() {
    }

    /**
     * {@code s} when it has at most {@code max} characters; else its first {@code max} characters (never half a
     * surrogate pair) followed by {@code "... (N characters in all)"}, so a reader sees it was cut.
     */
    public static String abbreviate(String s, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be >= 1, was " + max);
        }
        if (s == null || s.length() <= max) {
            return s;
        }
        int cut = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
        return s.substring(0, cut) + "... (" + s.length() + " characters in all)";
    }

    /**
     * A user's value as a message quotes it: {@code 'value'}, cut after {@value #SHOWN_CHARS} characters (saying so)
     * and on one line ({@link #oneLine}); {@code null} for null.
     */
    public static String shown(String value) {
        return value == null ? "null" : "'" + oneLine(abbreviate(value, SHOWN_CHARS)) + "'";
    }

    /**
     * {@code text} with every character that could break a one-line message or hide what it says escaped:
     * {@code \n}, {@code \r}, {@code \t}, and {@code \}{@code uXXXX} for other control characters, line and
     * paragraph separators, format characters (such as bidirectional overrides) and unpaired surrogates. Nothing is
     * cut.
     */
    public static String oneLine(String text) {
        StringBuilder line = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (line != null) {
                    line.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            int type = Character.getType(c);
            boolean escape = Character.isISOControl(c) || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT
                    || type == Character.SURROGATE;
            if (escape && line == null) {
                line = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (line != null) {
                line.append(escape ? escaped(c) : String.valueOf(c));
            }
        }
        return line == null ? text : line.toString();
    }

    private static String escaped(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> String.format(Locale.ROOT, "\\u%04x", (int) c);
        };
    }

    /**
     * The whole number {@code text} writes (ASCII digits with an optional sign: no exponent, no hex, no other script's
     * digits, no blanks), when it lies in {@code min..max}; empty for anything else. Compared with the range before any
     * conversion, in time linear in the text's length, so a huge value is out of range and never wraps around.
     */
    public static java.util.OptionalLong wholeNumber(String text, long min, long max) {
        int i = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
        if (i == text.length()) {
            return java.util.OptionalLong.empty();
        }
        int firstSignificant = -1;
        for (int k = i; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c < '0' || c > '9') {
                return java.util.OptionalLong.empty();
            }
            if (firstSignificant < 0 && c != '0') {
                firstSignificant = k;
            }
        }
        if (firstSignificant < 0) {
            return min <= 0 && max >= 0 ? java.util.OptionalLong.of(0) : java.util.OptionalLong.empty();
        }
        if (text.length() - firstSignificant > 19) { // beyond any long
            return java.util.OptionalLong.empty();
        }
        java.math.BigInteger value = new java.math.BigInteger(text.substring(firstSignificant));
        if (text.startsWith("-")) {
            value = value.negate();
        }
        return value.compareTo(java.math.BigInteger.valueOf(min)) >= 0
                && value.compareTo(java.math.BigInteger.valueOf(max)) <= 0
                ? java.util.OptionalLong.of(value.longValue()) : java.util.OptionalLong.empty();
    }

    /** Bytes that are not UTF-8 text; the message says why and where, for a caller to prefix with what it read. */
    public static final class NotUtf8Exception extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String encodingOrNull;

        NotUtf8Exception(String message, String encodingOrNull) {
            super(message);
            this.encodingOrNull = encodingOrNull;
        }

        /** {@code UTF-16} or {@code UTF-32} when a byte-order mark says the text is in that encoding, else null. */
        public String encodingOrNull() {
            return encodingOrNull;
        }
    }

    /**
     * The UTF-8 text {@code bytes} hold, without a leading byte-order mark.
     *
     * @throws NotUtf8Exception naming the reason: a UTF-16 or UTF-32 byte-order mark, a NUL byte (no text format we
     *                          read has one; UTF-16 and binary files do), or the first byte that is not UTF-8, with
     *                          its offset and line
     */
    public static String utf8(byte[] bytes) {
        String encoding = unicodeBom(bytes);
        if (encoding != null) {
            throw new NotUtf8Exception(encoding + " text (its byte-order mark says so); convert it to UTF-8, e.g."
                    + " iconv -f " + encoding + " -t UTF-8", encoding);
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new NotUtf8Exception("a NUL byte at offset " + i + " (UTF-16 text, or a binary file?)", null);
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            throw new NotUtf8Exception("byte 0x" + String.format(Locale.ROOT, "%02X", bytes[at] & 0xFF)
                    + " at offset " + at + " (line " + (1 + newlines(bytes, at)) + ") is not UTF-8", null);
        }
        decoder.flush(out);
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String unicodeBom(byte[] b) {
        if (b.length >= 4 && ((b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF)
                || ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0))) {
            return "UTF-32";
        }
        if (b.length >= 2 && (((b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF)
                || ((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE))) {
            return "UTF-16";
        }
        return null;
    }

    private static int newlines(byte[] bytes, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                n++;
            }
        }
        return n;
    }
}

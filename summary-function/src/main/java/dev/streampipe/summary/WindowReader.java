package dev.streampipe.summary;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.streampipe.core.json.JsonStrings;
import dev.streampipe.core.record.Texts;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads the {@code sessionId} and {@code window} fields of one window object as they come, leaving the parser after
 * each field's value (other fields skipped), and keeps the first problem, worded to name the value.
 */
final class WindowReader {
    private static final int SHOWN = 60;

    private final String subject;
    private String sessionId;
    private Long window;
    private boolean sawSessionId;
    private boolean sawWindow;
    private String problem;

    /** @param subject how problems name the object ({@code "summary request"}), or empty for a batch element */
    WindowReader(String subject) {
        this.subject = subject;
    }

    /** Reads {@code value}, the value of {@code name}, if it is one of the window's fields; skips it otherwise. */
    void field(JsonParser parser, String name, JsonToken value) throws IOException {
        if ("sessionId".equals(name)) {
            if (sawSessionId) {
                fail("has sessionId twice");
            }
            sawSessionId = true;
            sessionId = sessionId(parser, value);
        } else if ("window".equals(name)) {
            if (sawWindow) {
                fail("has window twice");
            }
            sawWindow = true;
            window = window(parser, value);
        }
        parser.skipChildren();
    }

    /** Whether either field was present. */
    boolean any() {
        return sawSessionId || sawWindow;
    }

    /** The window, or empty when a field is missing or bad ({@link #problem()} says which). */
    Optional<SummaryRequest> request() {
        if (problem == null && (sessionId == null || window == null)) {
            fail(sawSessionId || sawWindow ? "needs sessionId and window, had only " + (sawWindow ? "window" : "sessionId")
                    : "needs sessionId and window, had neither");
        }
        if (problem == null) {
            try {
                return Optional.of(new SummaryRequest(sessionId, window));
            } catch (IllegalArgumentException e) {
                fail(e.getMessage()); // the checks above are the record's; this keeps a drift typed
            }
        }
        return Optional.empty();
    }

    /** The first problem found, naming the subject and the value. */
    String problem() {
        return subject.isEmpty() ? problem : subject + " " + problem;
    }

    private String sessionId(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            return fail("sessionId must be a string, was " + describe(parser, value));
        }
        String id = parser.getText();
        if (id.length() > SummaryCodec.MAX_SESSION_ID) {
            return fail("sessionId must be at most " + SummaryCodec.MAX_SESSION_ID + " characters, was " + quote(id));
        }
        if (id.isBlank()) {
            return fail("sessionId must not be blank, was " + quote(id));
        }
        if (!wellFormed(id)) {
            return fail("sessionId must be well-formed Unicode (no lone surrogate), was " + quote(id));
        }
        return id;
    }

    private Long window(JsonParser parser, JsonToken value) throws IOException {
        boolean integer = value == JsonToken.VALUE_NUMBER_INT && parser.getTextLength() <= 19
                && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER;
        if (integer && parser.getLongValue() >= 1) {
            return parser.getLongValue();
        }
        fail("window must be an integer from 1 to " + Long.MAX_VALUE + ", was " + describe(parser, value));
        return null;
    }

    private String fail(String message) {
        if (problem == null) {
            problem = message;
        }
        return null;
    }

    /** A value as a message shows it: strings quoted and cut, numbers as written (cut), containers by kind. */
    static String describe(JsonParser parser, JsonToken token) throws IOException {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case VALUE_STRING -> "string " + quote(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> cut(parser.getText(), SHOWN);
            case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> token.asString();
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> token.toString();
        };
    }

    /** A JSON string literal of {@code s}, cut after {@value #SHOWN} characters ({@link Texts#abbreviate}). */
    static String quote(String s) {
        return JsonStrings.quote(Texts.abbreviate(s, SHOWN));
    }

    /** {@code s} cut after {@code max} characters ({@link Texts#abbreviate}, which says so). */
    static String cut(String s, int max) {
        return Texts.abbreviate(s, max);
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}

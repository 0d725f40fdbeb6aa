package dev.streampipe.summary;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the invoke payload — {@code {"sessionId":"s-0001","window":1}}, or the router's batch
 * {@code {"windows":[{"sessionId":"s-0001","window":1},...]}} — and writes
 * {@code {"sessionId":"s-0001","window":1,"status":"WRITTEN"}} back (for a batch
 * {@code {"results":[{..},..]}}). Unknown request fields are ignored.
 */
public final class SummaryCodec {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private SummaryCodec() {
    }

    /** The batch envelope's array field, as the router's summary trigger sends it. */
    public static final String WINDOWS = "windows";

    /**
     * Parses a single-window request.
     *
     * @throws PermanentSummaryException if the payload is not a JSON object with a non-blank string
     *                                   {@code sessionId} and an integer {@code window} of 1 or more
     * @throws IOException               if the stream cannot be read
     */
    public static SummaryRequest readRequest(InputStream in) throws IOException {
        SummaryPayload payload = readPayload(in);
        if (payload.batched()) {
            throw new PermanentSummaryException("expected one window, got a \"" + WINDOWS + "\" batch");
        }
        return payload.windows().get(0);
    }

    /**
     * Parses either payload shape: {@code {"sessionId":..,"window":..}} or {@code {"windows":[{..},..]}} (each
     * element a single-window object; unknown fields ignored at both levels).
     *
     * @throws PermanentSummaryException if the payload is neither shape, mixes them, or any window is invalid
     *                                   (naming its position)
     * @throws IOException               if the stream cannot be read
     */
    public static SummaryPayload readPayload(InputStream in) throws IOException {
        try (JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new PermanentSummaryException("summary request must be a JSON object, was " + parser.currentToken());
            }
            String sessionId = null;
            Long window = null;
            List<SummaryRequest> windows = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("sessionId".equals(field)) {
                    sessionId = sessionId(parser, value);
                } else if ("window".equals(field)) {
                    window = window(parser, value);
                } else if (WINDOWS.equals(field)) {
                    windows = windows(parser, value);
                } else {
                    parser.skipChildren();
                }
            }
            if (windows != null) {
                if (sessionId != null || window != null) {
                    throw new PermanentSummaryException("summary request has both \"" + WINDOWS
                            + "\" and a top-level sessionId/window");
                }
                return new SummaryPayload(windows, true);
            }
            return new SummaryPayload(List.of(request(sessionId, window, "summary request")), false);
        } catch (JsonParseException e) {
            throw new PermanentSummaryException("summary request is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static List<SummaryRequest> windows(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw new PermanentSummaryException("summary request " + WINDOWS + " must be an array, was " + value);
        }
        List<SummaryRequest> windows = new ArrayList<>();
        JsonToken element;
        while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
            String where = WINDOWS + "[" + windows.size() + "]";
            if (element != JsonToken.START_OBJECT) {
                throw new PermanentSummaryException("summary request " + where + " must be an object, was " + element);
            }
            String sessionId = null;
            Long window = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken v = parser.nextToken();
                if ("sessionId".equals(field)) {
                    sessionId = sessionId(parser, v);
                } else if ("window".equals(field)) {
                    window = window(parser, v);
                } else {
                    parser.skipChildren();
                }
            }
            windows.add(request(sessionId, window, "summary request " + where));
        }
        return windows;
    }

    private static String sessionId(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw new PermanentSummaryException("summary request sessionId must be a string, was " + value);
        }
        return parser.getText();
    }

    private static long window(JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new PermanentSummaryException("summary request window must be an integer, was " + parser.getText());
        }
        return parser.getLongValue();
    }

    private static SummaryRequest request(String sessionId, Long window, String what) {
        if (sessionId == null || window == null) {
            throw new PermanentSummaryException(what + " needs sessionId and window, was sessionId="
                    + sessionId + " window=" + window);
        }
        try {
            return new SummaryRequest(sessionId, window);
        } catch (IllegalArgumentException e) {
            throw new PermanentSummaryException("invalid " + what + ": " + e.getMessage(), e);
        }
    }

    /** Writes a batch's results as {@code {"results":[{"sessionId":..,"window":..,"status":..},...]}}. */
    public static void writeResults(List<SummaryResult> results, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeStartObject();
            json.writeArrayFieldStart("results");
            for (SummaryResult result : results) {
                writeObject(result, json);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** Writes the result as one JSON object; does not close the stream. */
    public static void writeResult(SummaryResult result, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            writeObject(result, json);
        }
    }

    private static void writeObject(SummaryResult result, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("sessionId", result.sessionId());
        json.writeNumberField("window", result.window());
        json.writeStringField("status", result.status().name());
        json.writeEndObject();
    }
}

package dev.streampipe.summary;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads the invoke payload {@code {"sessionId":"s-0001","window":1}} and writes
 * {@code {"sessionId":"s-0001","window":1,"status":"WRITTEN"}} back. Unknown request fields are ignored.
 */
public final class SummaryCodec {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private SummaryCodec() {
    }

    /**
     * Parses one request.
     *
     * @throws PermanentSummaryException if the payload is not a JSON object with a non-blank string
     *                                   {@code sessionId} and an integer {@code window} of 1 or more
     * @throws IOException               if the stream cannot be read
     */
    public static SummaryRequest readRequest(InputStream in) throws IOException {
        String sessionId = null;
        Long window = null;
        try (JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new PermanentSummaryException("summary request must be a JSON object, was " + parser.currentToken());
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("sessionId".equals(field)) {
                    if (value != JsonToken.VALUE_STRING) {
                        throw new PermanentSummaryException("summary request sessionId must be a string, was " + value);
                    }
                    sessionId = parser.getText();
                } else if ("window".equals(field)) {
                    if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        throw new PermanentSummaryException(
                                "summary request window must be an integer, was " + parser.getText());
                    }
                    window = parser.getLongValue();
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JsonParseException e) {
            throw new PermanentSummaryException("summary request is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (sessionId == null || window == null) {
            throw new PermanentSummaryException("summary request needs sessionId and window, was sessionId="
                    + sessionId + " window=" + window);
        }
        try {
            return new SummaryRequest(sessionId, window);
        } catch (IllegalArgumentException e) {
            throw new PermanentSummaryException("invalid summary request: " + e.getMessage(), e);
        }
    }

    /** Writes the result as one JSON object; does not close the stream. */
    public static void writeResult(SummaryResult result, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeStartObject();
            json.writeStringField("sessionId", result.sessionId());
            json.writeNumberField("window", result.window());
            json.writeStringField("status", result.status().name());
            json.writeEndObject();
        }
    }
}

package dev.streampipe.summary;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the invoke payload — {@code {"sessionId":"s-0001","window":1}}, or the router's batch
 * {@code {"windows":[{"sessionId":"s-0001","window":1},...]}} — and writes
 * {@code {"sessionId":"s-0001","window":1,"status":"WRITTEN"}} back (for a batch
 * {@code {"results":[{..},..]}}). Unknown fields are ignored at both levels.
 *
 * <p>Strict by the payload's own rules: one JSON object in UTF-8 of at most {@value #MAX_PAYLOAD_BYTES} bytes with
 * nothing after it, nested at most {@value #MAX_DEPTH} deep, its {@code windows} field once, at most
 * {@value #MAX_WINDOWS} windows. A window is an object with {@code sessionId} — a string, not blank, at most
 * {@value #MAX_SESSION_ID} characters, well-formed Unicode — and {@code window}, a JSON integer from 1 to
 * {@link Long#MAX_VALUE}, each once (whether the id makes a partition key of the configured table is the
 * service's check). The work per value is bounded by these limits; messages cut long values short.
 */
public final class SummaryCodec {

    /** The batch envelope's array field, as the router's summary trigger sends it. */
    public static final String WINDOWS = "windows";
    /** Largest payload read: Lambda's synchronous invoke limit (an asynchronous invoke carries at most 1 MB). */
    public static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;
    /** Most windows in one payload: one stream batch (at most 10,000 records) closes at most this many. */
    public static final int MAX_WINDOWS = 10_000;
    /** Longest session id read, in characters (its partition key is at most 1,024 UTF-8 bytes). */
    public static final int MAX_SESSION_ID = 1_024;
    /** Deepest nesting read (the payload itself needs three levels). */
    public static final int MAX_DEPTH = 64;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build();

    private SummaryCodec() {
    }

    /**
     * Parses either payload shape: {@code {"sessionId":..,"window":..}} or {@code {"windows":[{..},..]}}.
     *
     * @return the payload; a batch element that is not a valid window is {@linkplain SummaryPayload#rejected()
     *         rejected} (naming its position), the others kept
     * @throws PermanentSummaryException if the payload is not UTF-8 JSON within the limits, is neither shape, mixes
     *                                   them, or is a single window that is not valid
     * @throws IOException               if the stream cannot be read
     */
    public static SummaryPayload readPayload(InputStream in) throws IOException {
        String text = PayloadText.read(in, MAX_PAYLOAD_BYTES);
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new PermanentSummaryException("summary request must be a JSON object, was "
                        + WindowReader.describe(parser, parser.currentToken()));
            }
            WindowReader single = new WindowReader("summary request");
            List<SummaryRequest> windows = null;
            List<SummaryPayload.Rejected> rejected = new ArrayList<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (WINDOWS.equals(field)) {
                    if (windows != null) {
                        throw new PermanentSummaryException("summary request has \"" + WINDOWS + "\" twice");
                    }
                    windows = windows(parser, value, rejected);
                } else {
                    single.field(parser, field, value);
                }
            }
            if (parser.nextToken() != null) {
                throw new PermanentSummaryException("summary request has content after its JSON object");
            }
            if (windows != null) {
                if (single.any()) {
                    throw new PermanentSummaryException("summary request has both \"" + WINDOWS
                            + "\" and a top-level sessionId/window");
                }
                return new SummaryPayload(windows, true, rejected);
            }
            return new SummaryPayload(List.of(single.request().orElseThrow(
                    () -> new PermanentSummaryException(single.problem()))), false, List.of());
        } catch (JsonProcessingException e) {
            throw new PermanentSummaryException("summary request is not valid JSON: "
                    + WindowReader.cut(String.valueOf(e.getOriginalMessage()), 300), e);
        }
    }

    private static List<SummaryRequest> windows(JsonParser parser, JsonToken value,
                                                List<SummaryPayload.Rejected> rejected) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw new PermanentSummaryException("summary request " + WINDOWS + " must be an array, was "
                    + WindowReader.describe(parser, value));
        }
        List<SummaryRequest> windows = new ArrayList<>();
        JsonToken element;
        for (int position = 0; (element = parser.nextToken()) != JsonToken.END_ARRAY; position++) {
            if (position == MAX_WINDOWS) {
                throw new PermanentSummaryException("summary request has more than " + MAX_WINDOWS + " "
                        + WINDOWS + " (the most one stream batch can close)");
            }
            WindowReader reader = new WindowReader("");
            if (element != JsonToken.START_OBJECT) {
                rejected.add(new SummaryPayload.Rejected(position, "must be an object, was "
                        + WindowReader.describe(parser, element)));
                parser.skipChildren();
                continue;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                reader.field(parser, field, parser.nextToken());
            }
            int at = position;
            reader.request().ifPresentOrElse(windows::add,
                    () -> rejected.add(new SummaryPayload.Rejected(at, reader.problem())));
        }
        return windows;
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

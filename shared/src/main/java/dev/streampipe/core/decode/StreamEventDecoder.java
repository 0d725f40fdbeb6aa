package dev.streampipe.core.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.streampipe.core.record.ChangeRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the Lambda DynamoDB Streams event ({@code {"Records":[...]}}) in one streaming pass, straight into
 * {@link ChangeRecord}s, without an intermediate tree or the Lambda event classes.
 *
 * <p>Contract: every record of the event yields exactly one {@link DecodeOutcome}, in order. Validation follows
 * DynamoDB's own rules, once, here:
 * <ul>
 *   <li>A record whose envelope or keys break them (a missing or ill-typed field, a record of another service, a key
 *   attribute that is not a non-empty S, N or B of at most 2,048 bytes, a creation time that is no plausible time)
 *   yields {@link DecodeOutcome.Malformed} naming the record, the field and the value; the records after it still
 *   decode.</li>
 *   <li>A value in {@code NewImage}/{@code OldImage} that breaks them (a number beyond 38 significant digits or
 *   outside 1E-130..1E+126, an unknown type descriptor, bad base64, a string longer than any item, an image that is
 *   not a map) spoils only that attribute (or image): the record decodes, and reading that attribute throws
 *   {@link dev.streampipe.core.record.InvalidAttributeException} naming record, path and value, which makes the
 *   reading route reject the record while every other route (analytics, audit) still takes it.</li>
 *   <li>Only an event that is not UTF-8 JSON, or has no {@code Records} array, throws
 *   {@link MalformedEventException}.</li>
 * </ul>
 * Work per value is bounded by DynamoDB's limits, not by the event's size: a number text is refused past 200
 * characters before it is parsed, a string past 400 KB. {@code ApproximateCreationDateTime} is read as epoch
 * <em>seconds</em> (fractions kept), as Lambda sends it, or as epoch milliseconds when it is a time from 2012 to
 * 2200 in milliseconds. Keys are read at once; images are validated during the pass and read into attributes only
 * when first accessed, from the same bytes. Thread-safe: one instance serves every invocation.
 *
 * <p>This class walks the envelope and the {@code Records} array and, for a malformed record, skips to its end;
 * {@link RecordReader} reads one record, {@link AttributeJson} the attribute-value grammar, {@link ImageSlice}
 * holds an image's lazily read attributes.
 */
public final class StreamEventDecoder {
    /** 32 DynamoDB nesting levels × 2 JSON levels, plus the event envelope, with room to spare. */
    static final int MAX_JSON_DEPTH = 100;
    /** DynamoDB attribute names are at most 64 KB. */
    static final int MAX_NAME_LENGTH = 70_000;
    private final JsonFactory factory;

    public StreamEventDecoder() {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        // DynamoDB nests up to 32 levels (2 JSON levels each) and allows 64 KB attribute names.
                        .maxNestingDepth(MAX_JSON_DEPTH)
                        .maxNameLength(MAX_NAME_LENGTH)
                        .build())
                .build();
    }

    public DecodedBatch decode(InputStream in) {
        try {
            return decode(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the event", e);
        }
    }

    public DecodedBatch decode(byte[] json) {
        requireUtf8(json);
        List<DecodeOutcome> outcomes = new ArrayList<>();
        try (JsonParser p = factory.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedEventException("event must be a JSON object with a Records array");
            }
            boolean sawRecords = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if ("Records".equals(name)) {
                    if (value != JsonToken.START_ARRAY) {
                        throw new MalformedEventException("Records must be an array, was " + value);
                    }
                    sawRecords = true;
                    readRecords(p, json, outcomes);
                } else {
                    p.skipChildren();
                }
            }
            if (!sawRecords) {
                throw new MalformedEventException("event has no Records array");
            }
        } catch (IOException e) {
            throw new MalformedEventException("event is not valid JSON after " + outcomes.size()
                    + " records: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? j.getOriginalMessage() : e.getMessage()), e);
        }
        return new DecodedBatch(outcomes);
    }

    /**
     * Lambda sends UTF-8. JSON in UTF-16 or UTF-32 (a byte-order mark, or a zero byte among the first two, which
     * UTF-8 JSON never has) is refused by name rather than decoded into offsets that do not match the bytes.
     */
    private static void requireUtf8(byte[] json) {
        boolean bom16 = json.length >= 2 && ((json[0] == (byte) 0xFE && json[1] == (byte) 0xFF)
                || (json[0] == (byte) 0xFF && json[1] == (byte) 0xFE));
        boolean zero = (json.length >= 1 && json[0] == 0) || (json.length >= 2 && json[1] == 0);
        if (bom16 || zero) {
            throw new MalformedEventException("event is not UTF-8 (it looks like UTF-16 or UTF-32): a DynamoDB"
                    + " stream event is UTF-8 JSON");
        }
    }

    private void readRecords(JsonParser p, byte[] json, List<DecodeOutcome> out) throws IOException {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            int index = out.size();
            int start = (int) p.currentTokenLocation().getByteOffset();
            if (t != JsonToken.START_OBJECT) {
                p.skipChildren();
                p.finishToken(); // a string token is read lazily: without this the slice ends at its opening quote
                RawRecord raw = new RawRecord(json, start, (int) p.currentLocation().getByteOffset());
                out.add(new DecodeOutcome.Malformed(index, null, null, path(index, ""),
                        "record must be a JSON object, was " + t, raw));
                continue;
            }
            JsonStreamContext recordContext = p.getParsingContext();
            RecordReader reader = new RecordReader(index, json, factory);
            try {
                ChangeRecord record = reader.read(p);
                RawRecord raw = new RawRecord(json, start, (int) p.currentLocation().getByteOffset());
                out.add(new DecodeOutcome.Decoded(index, record, raw));
            } catch (FieldError e) {
                skipToEndOfRecord(p, recordContext, reader);
                RawRecord raw = new RawRecord(json, start, (int) p.currentLocation().getByteOffset());
                out.add(new DecodeOutcome.Malformed(index, reader.eventId, reader.sequence,
                        path(index, e.field), e.getMessage(), raw));
            }
        }
    }

    /**
     * Skips the rest of a malformed record, still picking up its {@code eventID} and {@code dynamodb.SequenceNumber}
     * if they come after the bad field, so the dead letter and the batch response can name the record.
     */
    private static void skipToEndOfRecord(JsonParser p, JsonStreamContext recordContext, RecordReader reader)
            throws IOException {
        JsonStreamContext outside = recordContext.getParent();
        if (p.currentToken() == JsonToken.END_OBJECT && p.getParsingContext() == outside) {
            return;
        }
        while (true) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IOException("unexpected end of input inside a record");
            }
            if (t == JsonToken.END_OBJECT && p.getParsingContext() == outside) {
                return;
            }
            if (t == JsonToken.FIELD_NAME) {
                JsonStreamContext ctx = p.getParsingContext();
                String name = p.currentName();
                boolean id = reader.eventId == null && ctx == recordContext && "eventID".equals(name);
                boolean seq = reader.sequence == null && ctx.getParent() == recordContext && "SequenceNumber".equals(name)
                        && "dynamodb".equals(recordContext.getCurrentName());
                if ((id || seq) && p.nextToken() == JsonToken.VALUE_STRING) {
                    String text = p.getText();
                    if (id && !text.isEmpty() && text.length() <= RecordReader.MAX_EVENT_ID_CHARS) {
                        reader.eventId = text;
                    } else if (seq && StreamRecordRules.isSequenceNumber(text)) {
                        reader.sequence = text;
                    }
                }
            }
        }
    }

    private static String path(int index, String field) {
        return "Records[" + index + "]" + (field.isEmpty() ? "" : "." + field);
    }
}

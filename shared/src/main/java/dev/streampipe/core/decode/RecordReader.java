package dev.streampipe.core.decode;

import static dev.streampipe.core.decode.AttributeJson.abbreviate;
import static dev.streampipe.core.decode.AttributeJson.describe;
import static dev.streampipe.core.decode.AttributeJson.expect;
import static dev.streampipe.core.decode.AttributeJson.readItem;
import static dev.streampipe.core.decode.AttributeJson.scanValue;
import static dev.streampipe.core.decode.AttributeJson.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.EventName;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.record.SequenceNumber;
import dev.streampipe.core.record.StreamViewType;
import dev.streampipe.core.record.UserIdentity;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads one record object of the event: its top-level fields and those of {@code dynamodb}. Keys are read at once;
 * images are validated with {@link AttributeJson#scanValue} and indexed into an {@link ImageSlice} for later reads.
 * Required are only what routing cannot do without: {@code eventID}, {@code eventName},
 * {@code dynamodb.SequenceNumber} and a non-empty {@code dynamodb.Keys}; every other field may be absent.
 *
 * <p>Contract: {@link #read} starts with the parser just past the record's {@code START_OBJECT} and, on success,
 * leaves it on the record's {@code END_OBJECT}; on a {@link FieldError} the parser is somewhere inside the record.
 * Either way {@link #eventId} and {@link #sequence} hold what was seen so far, for naming a malformed record. One
 * instance per record.
 */
final class RecordReader {
    private static final String DYNAMODB_SOURCE = "aws:dynamodb";
    static final int MAX_EVENT_ID_CHARS = StreamRecordRules.MAX_EVENT_ID_CHARS;
    private final int index;
    private final byte[] json;
    private final JsonFactory factory;
    /** The record's {@code eventID} once seen (possibly empty), else {@code null}. */
    String eventId;
    /** The record's {@code dynamodb.SequenceNumber} once seen and valid (decimal digits), else {@code null}. */
    String sequence;

    RecordReader(int index, byte[] json, JsonFactory factory) {
        this.index = index;
        this.json = json;
        this.factory = factory;
    }

    ChangeRecord read(JsonParser p) throws IOException, FieldError {
        EventName eventName = null;
        String region = null;
        String arn = null;
        UserIdentity identity = null;
        Instant created = null;
        Long size = null;
        Item keys = null;
        Item newImage = null;
        Item oldImage = null;
        StreamViewType viewType = null;
        boolean sawDynamodb = false;
        String source = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "eventSource", "EventSource" -> {
                    source = v == JsonToken.VALUE_STRING ? p.getText() : describe(p, v);
                    p.skipChildren();
                }
                case "eventID" -> eventId = eventIdText(p, v);
                case "eventName" -> eventName = enumValue(EventName.class, text(p, v, "eventName"), "eventName");
                case "awsRegion" -> region = optionalText(p, v, "awsRegion");
                case "eventSourceARN" -> arn = optionalText(p, v, "eventSourceARN");
                case "userIdentity" -> identity = readIdentity(p, v);
                case "dynamodb" -> {
                    expect(v, JsonToken.START_OBJECT, "dynamodb", "an object");
                    sawDynamodb = true;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String f = p.currentName();
                        JsonToken dv = p.nextToken();
                        String fp = "dynamodb." + f;
                        switch (f) {
                            case "ApproximateCreationDateTime" -> created = creationTime(p, dv, fp);
                            case "SequenceNumber" -> sequence = sequenceText(p, dv, fp);
                            case "SizeBytes" -> size = longValue(p, dv, fp);
                            case "StreamViewType" -> viewType = enumValue(StreamViewType.class, text(p, dv, fp), fp);
                            case "Keys" -> keys = readItem(p, dv, fp);
                            case "NewImage" -> newImage = deferredImage(p, dv, fp);
                            case "OldImage" -> oldImage = deferredImage(p, dv, fp);
                            default -> p.skipChildren();
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (source != null && !DYNAMODB_SOURCE.equals(source)) {
            throw new FieldError("eventSource", "not a DynamoDB stream record: eventSource is '" + abbreviate(source)
                    + "', not '" + DYNAMODB_SOURCE + "'");
        }
        require(eventId, "eventID");
        if (eventId.isEmpty()) {
            throw new FieldError("eventID", "must not be empty");
        }
        require(eventName, "eventName");
        if (!sawDynamodb) {
            throw new FieldError("dynamodb", "missing");
        }
        require(sequence, "dynamodb.SequenceNumber");
        require(keys, "dynamodb.Keys");
        // ApproximateCreationDateTime, SizeBytes, StreamViewType, the images, userIdentity, awsRegion and
        // eventSourceARN are optional (AWS marks them so): routes that need one say so themselves.
        checkKeys(keys);
        return new ChangeRecord(eventId, eventName, new SequenceNumber(sequence), created,
                size == null ? 0L : size, keys, Optional.ofNullable(newImage), Optional.ofNullable(oldImage),
                viewType, identity, arn, region);
    }

    /** One or two key attributes, each a non-empty S, N or B of at most 2,048 bytes ({@link StreamRecordRules}). */
    private static void checkKeys(Item keys) throws FieldError {
        StreamRecordRules.Violation v = StreamRecordRules.keysViolation(keys);
        if (v != null) {
            throw new FieldError(v.field(), v.reason());
        }
    }

    private static void require(Object value, String field) throws FieldError {
        if (value == null) {
            throw new FieldError(field, "missing");
        }
    }

    private UserIdentity readIdentity(JsonParser p, JsonToken v) throws IOException, FieldError {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(v, JsonToken.START_OBJECT, "userIdentity", "an object");
        String type = null;
        String principal = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken fv = p.nextToken();
            switch (f) {
                case "type" -> type = text(p, fv, "userIdentity.type");
                case "principalId" -> principal = text(p, fv, "userIdentity.principalId");
                default -> p.skipChildren();
            }
        }
        require(type, "userIdentity.type");
        require(principal, "userIdentity.principalId");
        return new UserIdentity(type, principal);
    }

    /** Refused before it is kept: an unbounded id would reach the effect ledger's keys and every message. */
    private static String eventIdText(JsonParser p, JsonToken v) throws IOException, FieldError {
        String id = text(p, v, "eventID");
        if (id.length() > MAX_EVENT_ID_CHARS) {
            throw new FieldError("eventID", "must be at most " + MAX_EVENT_ID_CHARS + " characters, was "
                    + id.length() + ": '" + abbreviate(id) + "'");
        }
        return id;
    }

    private static String sequenceText(JsonParser p, JsonToken v, String field) throws IOException, FieldError {
        String s = text(p, v, field);
        String problem = StreamRecordRules.sequenceNumberProblem(s);
        if (problem != null) {
            throw new FieldError(field, problem);
        }
        return s;
    }

    /**
     * {@code ApproximateCreationDateTime}: epoch seconds as Lambda sends them (fractions kept), or epoch
     * milliseconds as some serializers write them (a whole number in the millisecond range). The ranges do not
     * overlap: from 2012 (DynamoDB's launch) to 2200 in seconds is 1.3E9..7.3E9, in milliseconds 1.3E12..7.3E12.
     * Anything else is no plausible creation time.
     */
    private static Instant creationTime(JsonParser p, JsonToken v, String field) throws IOException, FieldError {
        if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new FieldError(field, "must be a number of epoch seconds, was " + describe(p, v));
        }
        String text = p.getText();
        if (text.length() > 40) {
            throw new FieldError(field, "not a plausible epoch time: " + abbreviate(text));
        }
        BigDecimal value;
        try {
            value = p.getDecimalValue();
        } catch (NumberFormatException e) { // an exponent beyond BigDecimal's range
            throw new FieldError(field, "not a plausible epoch time: " + abbreviate(text));
        }
        Instant created = StreamRecordRules.creationTime(value);
        if (created != null) {
            return created;
        }
        throw new FieldError(field, "not a plausible epoch time in seconds or milliseconds (2012..2200), was "
                + abbreviate(text));
    }


    private static long longValue(JsonParser p, JsonToken v, String field) throws IOException, FieldError {
        if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long n = p.getLongValue();
            if (n < 0) {
                throw new FieldError(field, "must be >= 0, was " + n);
            }
            return n;
        }
        throw new FieldError(field, "must be a whole number, was " + describe(p, v));
    }

    /**
     * Validates an image's structure (types, descriptors, numbers) without building it, and returns an item
     * that reads the values from the same bytes on first access. Most routes never look at the images.
     */
    private Item deferredImage(JsonParser p, JsonToken v, String field) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        String where = "Records[" + index + "]";
        if (v != JsonToken.START_OBJECT) {
            p.skipChildren();
            return Item.unreadable(where + "." + field + ": must be a map of attributes, was " + v);
        }
        ImageSlice slice = new ImageSlice(json, factory, where, field);
        JsonStreamContext image = p.getParsingContext();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            int start = (int) p.currentTokenLocation().getByteOffset();
            try {
                scanValue(p, t, field + "." + name);
                slice.add(name, start, (int) p.currentLocation().getByteOffset());
            } catch (FieldError e) {
                // A value outside DynamoDB's rules spoils only this attribute: the routes that read it reject the
                // record, the others (and every route that reads only the keys) still take it.
                skipToEndOf(p, image);
                slice.addInvalid(name, e.field, e.getMessage());
            }
        }
        return Item.indexed(slice);
    }

    /** Moves the parser past the rest of the value it is inside, back to {@code container}'s level. */
    private static void skipToEndOf(JsonParser p, JsonStreamContext container) throws IOException {
        while (p.getParsingContext() != container) {
            if (p.nextToken() == null) {
                throw new IOException("unexpected end of input inside an image");
            }
        }
    }

    private static String optionalText(JsonParser p, JsonToken t, String field) throws IOException, FieldError {
        return t == JsonToken.VALUE_NULL ? null : text(p, t, field);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String field) throws FieldError {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(text)) {
                return e;
            }
        }
        throw new FieldError(field, "unknown value '" + abbreviate(text) + "'");
    }
}

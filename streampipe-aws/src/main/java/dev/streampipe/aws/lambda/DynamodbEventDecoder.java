package dev.streampipe.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.streampipe.core.decode.DecodeOutcome;
import dev.streampipe.core.decode.DecodedBatch;
import dev.streampipe.core.decode.MalformedEventException;
import dev.streampipe.core.decode.RawRecord;
import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.decode.StreamRecordRules;
import dev.streampipe.core.record.AttributeValue;
import dev.streampipe.core.record.Bytes;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.EventName;
import dev.streampipe.core.record.InvalidAttributeException;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.record.SequenceNumber;
import dev.streampipe.core.record.StreamViewType;
import dev.streampipe.core.record.Texts;
import dev.streampipe.core.record.UserIdentity;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts a {@link DynamodbEvent} (the Lambda events library's model, as Lambda's runtime deserializes it) into a
 * {@link DecodedBatch}, record by record, with no JSON in between: every record yields one
 * {@link DecodeOutcome}, decoded or {@link DecodeOutcome.Malformed}, exactly as {@link StreamEventDecoder} treats
 * the same record in the event's bytes (the same rules, field paths and reasons): a record whose envelope or keys
 * break DynamoDB's rules is malformed, a value in an image that breaks them spoils only that attribute (reading it
 * throws {@link InvalidAttributeException} naming record, path and problem), and only an event without
 * {@code Records} throws {@link MalformedEventException}. Images are converted when first read.
 *
 * <p>Where the model cannot say what the bytes said, the outcome follows what the model holds: an unknown type
 * descriptor or a JSON {@code null} member is not in the model (a value with nothing else set has "no type
 * descriptor"); {@code ApproximateCreationDateTime} is a {@link Date} that Lambda's serializer read from epoch
 * seconds, so a creation time outside 2012..2200 (the mark of an event read by a plain JSON mapper, which takes the
 * seconds for milliseconds) makes the record malformed with a reason saying so. A record has no bytes of its own
 * here: its {@link RawRecord}, which dead letters carry, is the record written back in the wire's shape (the
 * model's fields, in the order Lambda sends them, {@code null} ones left out). Thread-safe.
 */
final class DynamodbEventDecoder {
    private static final String DYNAMODB_SOURCE = "aws:dynamodb";
    private static final int MAX_EVENT_ID_CHARS = StreamRecordRules.MAX_EVENT_ID_CHARS;
    /** An item is at most 400 KB, so no string value has more characters. */
    private static final int MAX_STRING_CHARS = 400 * 1024;
    /** Base64 of 400 KB: the longest binary value's text on the wire. */
    private static final int MAX_BASE64_CHARS = (MAX_STRING_CHARS + 2) / 3 * 4;
    private final JsonFactory json = new JsonFactory();

    /**
     * One outcome per record of {@code event}, in order.
     *
     * @throws MalformedEventException when the event is null or has no {@code Records}
     */
    DecodedBatch decode(DynamodbEvent event) {
        if (event == null) {
            throw new MalformedEventException("event must be a JSON object with a Records array");
        }
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords();
        if (records == null) {
            throw new MalformedEventException("event has no Records array");
        }
        List<DecodeOutcome> outcomes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            outcomes.add(decode(i, records.get(i)));
        }
        return new DecodedBatch(outcomes);
    }

    private DecodeOutcome decode(int index, DynamodbEvent.DynamodbStreamRecord r) {
        String where = "Records[" + index + "]";
        if (r == null) {
            return new DecodeOutcome.Malformed(index, null, null, where, "record must be a JSON object, was VALUE_NULL",
                    RawRecord.of("null"));
        }
        RawRecord raw = RawRecord.of(render(r));
        try {
            return new DecodeOutcome.Decoded(index, read(r, where), raw);
        } catch (Refusal e) {
            return new DecodeOutcome.Malformed(index, knownEventId(r), knownSequence(r.getDynamodb()),
                    where + "." + e.field, e.getMessage(), raw);
        }
    }

    /** The checks of the stream decoder's record reader, in the order the wire carries the fields. */
    private static ChangeRecord read(DynamodbEvent.DynamodbStreamRecord r, String where) throws Refusal {
        String eventId = r.getEventID();
        if (eventId != null && eventId.length() > MAX_EVENT_ID_CHARS) {
            throw new Refusal("eventID", "must be at most " + MAX_EVENT_ID_CHARS + " characters, was "
                    + eventId.length() + ": '" + abbreviate(eventId) + "'");
        }
        EventName eventName = r.getEventName() == null ? null
                : enumValue(EventName.class, r.getEventName(), "eventName");
        StreamRecord d = r.getDynamodb();
        Instant created = null;
        Long size = null;
        Item keys = null;
        Item newImage = null;
        Item oldImage = null;
        String sequence = null;
        StreamViewType viewType = null;
        if (d != null) {
            created = creationTime(d.getApproximateCreationDateTime());
            keys = d.getKeys() == null ? null : keys(d.getKeys());
            newImage = d.getNewImage() == null ? null : Item.indexed(new ModelImage(d.getNewImage(), where,
                    "dynamodb.NewImage"));
            oldImage = d.getOldImage() == null ? null : Item.indexed(new ModelImage(d.getOldImage(), where,
                    "dynamodb.OldImage"));
            sequence = d.getSequenceNumber() == null ? null : sequence(d.getSequenceNumber());
            size = d.getSizeBytes();
            if (size != null && size < 0) {
                throw new Refusal("dynamodb.SizeBytes", "must be >= 0, was " + size);
            }
            viewType = d.getStreamViewType() == null ? null
                    : enumValue(StreamViewType.class, d.getStreamViewType(), "dynamodb.StreamViewType");
        }
        UserIdentity identity = identity(r.getUserIdentity());
        String source = r.getEventSource();
        if (source != null && !DYNAMODB_SOURCE.equals(source)) {
            throw new Refusal("eventSource", "not a DynamoDB stream record: eventSource is '" + abbreviate(source)
                    + "', not '" + DYNAMODB_SOURCE + "'");
        }
        require(eventId, "eventID");
        if (eventId.isEmpty()) {
            throw new Refusal("eventID", "must not be empty");
        }
        require(eventName, "eventName");
        require(d, "dynamodb");
        require(sequence, "dynamodb.SequenceNumber");
        require(keys, "dynamodb.Keys");
        checkKeys(keys);
        return new ChangeRecord(eventId, eventName, new SequenceNumber(sequence), created, size == null ? 0L : size,
                keys, Optional.ofNullable(newImage), Optional.ofNullable(oldImage), viewType, identity,
                r.getEventSourceARN(), r.getAwsRegion());
    }

    /**
     * The creation time Lambda's serializer read from epoch seconds; as the stream decoder, a whole number in the
     * millisecond range is taken for milliseconds.
     */
    private static Instant creationTime(Date date) throws Refusal {
        if (date == null) {
            return null;
        }
        BigDecimal seconds = BigDecimal.valueOf(date.getTime(), 3);
        Instant created = StreamRecordRules.creationTime(seconds);
        if (created != null) {
            return created;
        }
        String was = seconds.stripTrailingZeros().toPlainString();
        throw new Refusal("dynamodb.ApproximateCreationDateTime", "not a plausible epoch time in seconds or"
                + " milliseconds (2012..2200), was " + was + " seconds (" + date.toInstant() + ")"
                + (date.toInstant().isBefore(StreamRecordRules.EARLIEST_CREATION_TIME)
                ? ": an event read by a plain JSON mapper has its epoch"
                + " seconds taken for milliseconds; take the DynamodbEvent from Lambda's runtime or"
                + " LambdaEventSerializers" : ""));
    }

    private static String sequence(String s) throws Refusal {
        String problem = StreamRecordRules.sequenceNumberProblem(s);
        if (problem != null) {
            throw new Refusal("dynamodb.SequenceNumber", problem);
        }
        return s;
    }

    private static UserIdentity identity(Identity identity) throws Refusal {
        if (identity == null) {
            return null;
        }
        require(identity.getType(), "userIdentity.type");
        require(identity.getPrincipalId(), "userIdentity.principalId");
        return new UserIdentity(identity.getType(), identity.getPrincipalId());
    }

    /** The key attributes, read at once with every value's rules checked. */
    private static Item keys(Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue>
                                     keys) throws Refusal {
        Map<String, AttributeValue> out = new HashMap<>();
        for (var e : keys.entrySet()) {
            out.put(e.getKey(), value(e.getValue(), "dynamodb.Keys." + e.getKey(), false));
        }
        return Item.of(out);
    }

    /** One or two key attributes, each a non-empty S, N or B of at most 2,048 bytes: the stream decoder's rules. */
    private static void checkKeys(Item keys) throws Refusal {
        StreamRecordRules.Violation v = StreamRecordRules.keysViolation(keys);
        if (v != null) {
            throw new Refusal(v.field(), v.reason());
        }
    }

    /**
     * One attribute value at {@code path}, by the stream decoder's rules: exactly one type set, numbers within
     * DynamoDB's, {@code NULL} true; with {@code bounded} (image values, as the decoder scans them) no string or
     * binary longer than any item.
     */
    private static AttributeValue value(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v,
                                        String path, boolean bounded) throws Refusal {
        if (v == null) {
            throw new Refusal(path, "must be an attribute value object like {\"S\":\"...\"}, was VALUE_NULL");
        }
        int types = count(v.getS(), v.getN(), v.getB(), v.getSS(), v.getNS(), v.getBS(), v.getM(), v.getL(),
                v.getNULL(), v.getBOOL());
        if (types == 0) {
            throw new Refusal(path, "attribute value has no type descriptor");
        }
        if (types > 1) {
            throw new Refusal(path, "attribute value must have exactly one type descriptor");
        }
        if (v.getS() != null) {
            if (bounded) {
                checkLength(v.getS().length(), path + ".S", MAX_STRING_CHARS);
            }
            return new AttributeValue.S(v.getS());
        }
        if (v.getN() != null) {
            return number(v.getN(), path + ".N");
        }
        if (v.getB() != null) {
            Bytes bytes = bytes(v.getB());
            if (bounded) {
                checkLength(base64Length(bytes.length()), path + ".B", MAX_BASE64_CHARS);
            }
            return new AttributeValue.B(bytes);
        }
        if (v.getBOOL() != null) {
            return new AttributeValue.Bool(v.getBOOL());
        }
        if (v.getNULL() != null) {
            if (!v.getNULL()) {
                throw new Refusal(path + ".NULL", "must be true");
            }
            return AttributeValue.Null.INSTANCE;
        }
        if (v.getL() != null) {
            List<AttributeValue> list = new ArrayList<>(v.getL().size());
            for (var element : v.getL()) {
                list.add(value(element, path + ".L[" + list.size() + "]", bounded));
            }
            return new AttributeValue.L(list);
        }
        if (v.getM() != null) {
            Map<String, AttributeValue> map = new HashMap<>();
            for (var e : v.getM().entrySet()) {
                map.put(e.getKey(), value(e.getValue(), path + ".M." + e.getKey(), bounded));
            }
            return new AttributeValue.M(map);
        }
        if (v.getSS() != null) {
            List<String> strings = strings(v.getSS(), path + ".SS");
            for (int i = 0; bounded && i < strings.size(); i++) {
                checkLength(strings.get(i).length(), path + ".SS[" + i + "]", MAX_STRING_CHARS);
            }
            return new AttributeValue.SS(strings);
        }
        if (v.getNS() != null) {
            List<String> numbers = strings(v.getNS(), path + ".NS");
            for (int i = 0; i < numbers.size(); i++) {
                number(numbers.get(i), path + ".NS[" + i + "]");
            }
            return new AttributeValue.NS(numbers);
        }
        List<Bytes> bytes = new ArrayList<>(v.getBS().size());
        for (ByteBuffer buffer : v.getBS()) {
            String at = path + ".BS[" + bytes.size() + "]";
            if (buffer == null) {
                throw new Refusal(at, "must be a string, was null");
            }
            Bytes b = bytes(buffer);
            if (bounded) {
                checkLength(base64Length(b.length()), at, MAX_BASE64_CHARS);
            }
            bytes.add(b);
        }
        return new AttributeValue.BS(bytes);
    }

    private static int count(Object... members) {
        int n = 0;
        for (Object m : members) {
            if (m != null) {
                n++;
            }
        }
        return n;
    }

    private static List<String> strings(List<String> values, String path) throws Refusal {
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new Refusal(path + "[" + i + "]", "must be a string, was null");
            }
        }
        return values;
    }

    private static AttributeValue.N number(String text, String path) throws Refusal {
        try {
            return new AttributeValue.N(text);
        } catch (IllegalArgumentException e) {
            throw new Refusal(path, e.getMessage());
        }
    }

    private static void checkLength(int length, String path, int max) throws Refusal {
        if (length > max) {
            throw new Refusal(path, "a text of " + length + " characters, longer than any DynamoDB value of this"
                    + " type (at most " + max + ")");
        }
    }

    private static int base64Length(int bytes) {
        return (bytes + 2) / 3 * 4;
    }

    private static Bytes bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] data = new byte[b.remaining()];
        b.get(data);
        return Bytes.copyOf(data);
    }

    private static String knownEventId(DynamodbEvent.DynamodbStreamRecord r) {
        String id = r.getEventID();
        return id != null && id.length() <= MAX_EVENT_ID_CHARS ? id : null; // an empty one too, as the decoder
    }

    private static String knownSequence(StreamRecord d) {
        String s = d == null ? null : d.getSequenceNumber();
        return StreamRecordRules.isSequenceNumber(s) ? s : null;
    }

    private static void require(Object value, String field) throws Refusal {
        if (value == null) {
            throw new Refusal(field, "missing");
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String field) throws Refusal {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(text)) {
                return e;
            }
        }
        throw new Refusal(field, "unknown value '" + abbreviate(text) + "'");
    }

    private static String abbreviate(String s) {
        return Texts.abbreviate(s, 40);
    }

    /** The record in the wire's shape: the model's fields in the order Lambda sends them, null ones left out. */
    private String render(DynamodbEvent.DynamodbStreamRecord r) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            text(g, "eventID", r.getEventID());
            text(g, "eventName", r.getEventName());
            text(g, "eventVersion", r.getEventVersion());
            text(g, "eventSource", r.getEventSource());
            text(g, "awsRegion", r.getAwsRegion());
            StreamRecord d = r.getDynamodb();
            if (d != null) {
                g.writeObjectFieldStart("dynamodb");
                Date created = d.getApproximateCreationDateTime();
                if (created != null) {
                    g.writeFieldName("ApproximateCreationDateTime");
                    long ms = created.getTime();
                    if (ms % 1000 == 0) {
                        g.writeNumber(ms / 1000);
                    } else {
                        g.writeNumber(BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString());
                    }
                }
                image(g, "Keys", d.getKeys());
                image(g, "NewImage", d.getNewImage());
                image(g, "OldImage", d.getOldImage());
                text(g, "SequenceNumber", d.getSequenceNumber());
                if (d.getSizeBytes() != null) {
                    g.writeNumberField("SizeBytes", d.getSizeBytes());
                }
                text(g, "StreamViewType", d.getStreamViewType());
                g.writeEndObject();
            }
            Identity identity = r.getUserIdentity();
            if (identity != null) {
                g.writeObjectFieldStart("userIdentity");
                text(g, "type", identity.getType());
                text(g, "principalId", identity.getPrincipalId());
                g.writeEndObject();
            }
            text(g, "eventSourceARN", r.getEventSourceARN());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a record", e);
        }
        return out.toString();
    }

    private static void text(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void image(JsonGenerator g, String name,
                              Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue>
                                      attributes) throws IOException {
        if (attributes != null) {
            g.writeFieldName(name);
            attributes(g, attributes);
        }
    }

    private static void attributes(JsonGenerator g,
                                   Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue>
                                           attributes) throws IOException {
        g.writeStartObject();
        for (var e : attributes.entrySet()) {
            g.writeFieldName(e.getKey());
            write(g, e.getValue());
        }
        g.writeEndObject();
    }

    /** Every member the value has set (one, unless the value breaks the rules), in the order of the type list. */
    private static void write(JsonGenerator g, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue v)
            throws IOException {
        if (v == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        text(g, "S", v.getS());
        text(g, "N", v.getN());
        if (v.getB() != null) {
            g.writeStringField("B", bytes(v.getB()).toBase64());
        }
        if (v.getBOOL() != null) {
            g.writeBooleanField("BOOL", v.getBOOL());
        }
        if (v.getNULL() != null) {
            g.writeBooleanField("NULL", v.getNULL());
        }
        if (v.getL() != null) {
            g.writeArrayFieldStart("L");
            for (var element : v.getL()) {
                write(g, element);
            }
            g.writeEndArray();
        }
        if (v.getM() != null) {
            g.writeFieldName("M");
            attributes(g, v.getM());
        }
        texts(g, "SS", v.getSS());
        texts(g, "NS", v.getNS());
        if (v.getBS() != null) {
            g.writeArrayFieldStart("BS");
            for (ByteBuffer b : v.getBS()) {
                if (b == null) {
                    g.writeNull();
                } else {
                    g.writeString(bytes(b).toBase64());
                }
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static void texts(JsonGenerator g, String name, List<String> values) throws IOException {
        if (values != null) {
            g.writeArrayFieldStart(name);
            for (String s : values) {
                g.writeString(s);
            }
            g.writeEndArray();
        }
    }

    /**
     * An image of the model: its attribute names, each value converted (and checked by the decoder's rules) when
     * first read; a value that breaks them throws {@link InvalidAttributeException} naming the record, the path and
     * the problem, as the stream decoder's images do.
     */
    private static final class ModelImage implements Item.AttributeSource {
        private final String[] names;
        private final com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue[] values;
        private final String where;
        private final String field;

        ModelImage(Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image,
                   String where, String field) {
            this.names = image.keySet().toArray(new String[0]);
            this.values = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue[names.length];
            for (int i = 0; i < names.length; i++) {
                values[i] = image.get(names[i]);
            }
            this.where = where;
            this.field = field;
        }

        @Override
        public int count() {
            return names.length;
        }

        @Override
        public String name(int index) {
            return names[index];
        }

        @Override
        public AttributeValue read(int index) {
            try {
                return value(values[index], field + "." + names[index], true);
            } catch (Refusal e) {
                throw new InvalidAttributeException(where + "." + e.field + ": " + e.getMessage());
            }
        }
    }

    /** What is wrong with one field of a record (its path in the record, e.g. {@code dynamodb.Keys}); cheap. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final String field;

        Refusal(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }
}

package dev.streampipe.core.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.streampipe.core.record.AttributeValue;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.EventName;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.record.SequenceNumber;
import dev.streampipe.core.record.StreamViewType;
import dev.streampipe.core.record.UserIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decodes the Lambda DynamoDB Streams event ({@code {"Records":[...]}}) in one streaming pass, straight into
 * {@link ChangeRecord}s, without an intermediate tree or the Lambda event classes.
 *
 * <p>Contract: every record of the event yields exactly one {@link DecodeOutcome}, in order. A record with a
 * missing or ill-typed field yields {@link DecodeOutcome.Malformed} naming the record and the field; the records
 * after it still decode. Only an event that is not JSON, or has no {@code Records} array, throws
 * {@link MalformedEventException}. {@code ApproximateCreationDateTime} is read as epoch <em>seconds</em>
 * (fractions kept), as Lambda sends it. Keys are read at once; {@code NewImage}/{@code OldImage} are validated
 * (structure, type descriptors, numbers) during the pass and read into attributes only when first accessed, from
 * the same bytes — binary values are base64-decoded then, and a bad one throws {@link IllegalArgumentException}
 * naming the record and field (the batch engine dead-letters such a record). Thread-safe: one instance serves
 * every invocation.
 */
public final class StreamEventDecoder {
    private final JsonFactory factory;

    public StreamEventDecoder() {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
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
                    if (id && !text.isEmpty()) {
                        reader.eventId = text;
                    } else if (seq && isDigits(text)) {
                        reader.sequence = text;
                    }
                }
            }
        }
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String path(int index, String field) {
        return "Records[" + index + "]" + (field.isEmpty() ? "" : "." + field);
    }

    /** Where each top-level attribute of one validated image lies in the event's bytes; reads one value on demand. */
    private static final class ImageSlice implements Item.AttributeSource {
        private final byte[] json;
        private final JsonFactory factory;
        private final String where;
        private final String field;
        private String[] names = new String[8];
        private int[] starts = new int[8];
        private int[] ends = new int[8];
        private int count;

        ImageSlice(byte[] json, JsonFactory factory, String where, String field) {
            this.json = json;
            this.factory = factory;
            this.where = where;
            this.field = field;
        }

        void add(String name, int start, int end) {
            if (count == names.length) {
                names = java.util.Arrays.copyOf(names, count * 2);
                starts = java.util.Arrays.copyOf(starts, count * 2);
                ends = java.util.Arrays.copyOf(ends, count * 2);
            }
            names[count] = name;
            starts[count] = start;
            ends[count] = end;
            count++;
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public String name(int i) {
            return names[i];
        }

        @Override
        public AttributeValue read(int i) {
            try (JsonParser q = factory.createParser(json, starts[i], ends[i] - starts[i])) {
                return RecordReader.readValue(q, q.nextToken(), field + "." + names[i]);
            } catch (FieldError e) {
                throw new IllegalArgumentException(where + "." + e.field + ": " + e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A semantic error in one record; cheap (no stack trace), caught per record. */
    private static final class FieldError extends Exception {
        private static final long serialVersionUID = 1L;
        final String field;

        FieldError(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    /** Reads one record object; remembers the event id and sequence number as soon as it sees them. */
    private static final class RecordReader {
        final int index;
        final byte[] json;
        final JsonFactory factory;
        String eventId;
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
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "eventID" -> eventId = text(p, v, "eventID");
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
                                case "ApproximateCreationDateTime" -> created = epochSeconds(p, dv, fp);
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
            require(created, "dynamodb.ApproximateCreationDateTime");
            require(viewType, "dynamodb.StreamViewType");
            if (keys.size() == 0) {
                throw new FieldError("dynamodb.Keys", "must name at least one key attribute");
            }
            return new ChangeRecord(eventId, eventName, new SequenceNumber(sequence), created,
                    size == null ? 0L : size, keys, Optional.ofNullable(newImage), Optional.ofNullable(oldImage),
                    viewType, identity, arn, region);
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

        private static String sequenceText(JsonParser p, JsonToken v, String field) throws IOException, FieldError {
            String s = text(p, v, field);
            if (s.isEmpty()) {
                throw new FieldError(field, "must not be empty");
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    throw new FieldError(field, "must be decimal digits, was '" + abbreviate(s) + "'");
                }
            }
            return s;
        }

        private static Instant epochSeconds(JsonParser p, JsonToken v, String field) throws IOException, FieldError {
            if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                long seconds = p.getLongValue();
                if (seconds < 0 || seconds > Instant.MAX.getEpochSecond()) {
                    throw new FieldError(field, "out of range: " + seconds);
                }
                return Instant.ofEpochSecond(seconds);
            }
            if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                BigDecimal seconds = p.getDecimalValue();
                if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(Instant.MAX.getEpochSecond())) > 0) {
                    throw new FieldError(field, "out of range: " + seconds);
                }
                long whole = seconds.longValue();
                long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
                return Instant.ofEpochSecond(whole, nanos);
            }
            throw new FieldError(field, "must be a number of epoch seconds, was " + describe(p, v));
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
        private Item deferredImage(JsonParser p, JsonToken v, String field) throws IOException, FieldError {
            if (v == JsonToken.VALUE_NULL) {
                return null;
            }
            expect(v, JsonToken.START_OBJECT, field, "a map of attributes");
            ImageSlice slice = new ImageSlice(json, factory, "Records[" + index + "]", field);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                int start = (int) p.currentTokenLocation().getByteOffset();
                scanValue(p, t, field + "." + name);
                slice.add(name, start, (int) p.currentLocation().getByteOffset());
            }
            return Item.indexed(slice);
        }

        private static void scanItem(JsonParser p, JsonToken v, String field) throws IOException, FieldError {
            expect(v, JsonToken.START_OBJECT, field, "a map of attributes");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                scanValue(p, p.nextToken(), field + "." + name);
            }
        }

        /** The same checks, paths and messages as {@link #readValue}, without building values. */
        private static void scanValue(JsonParser p, JsonToken v, String field) throws IOException, FieldError {
            expect(v, JsonToken.START_OBJECT, field, "an attribute value object like {\"S\":\"...\"}");
            if (p.nextToken() != JsonToken.FIELD_NAME) {
                throw new FieldError(field, "attribute value has no type descriptor");
            }
            String type = p.currentName();
            JsonToken t = p.nextToken();
            String fp = field + "." + type;
            switch (type) {
                case "S" -> expectText(p, t, fp);
                case "N" -> number(text(p, t, fp), fp);
                case "B" -> {
                    expectText(p, t, fp);
                    checkBase64(p, fp);
                }
                case "BOOL" -> bool(p, t, fp);
                case "NULL" -> {
                    if (!bool(p, t, fp)) {
                        throw new FieldError(fp, "must be true");
                    }
                }
                case "L" -> {
                    expect(t, JsonToken.START_ARRAY, fp, "an array");
                    int i = 0;
                    JsonToken e;
                    while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                        scanValue(p, e, fp + "[" + i++ + "]");
                    }
                }
                case "M" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        throw new FieldError(fp, "must be an object, was null");
                    }
                    scanItem(p, t, fp);
                }
                case "SS", "NS", "BS" -> {
                    expect(t, JsonToken.START_ARRAY, fp, "an array of strings");
                    int i = 0;
                    JsonToken e;
                    while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                        String at = fp + "[" + i++ + "]";
                        expectText(p, e, at);
                        if (type.equals("NS")) {
                            number(p.getText(), at);
                        } else if (type.equals("BS")) {
                            checkBase64(p, at);
                        }
                    }
                }
                default -> throw new FieldError(field, "unknown attribute type '" + abbreviate(type) + "'");
            }
            if (p.nextToken() != JsonToken.END_OBJECT) {
                throw new FieldError(field, "attribute value must have exactly one type descriptor");
            }
        }

        private static void expectText(JsonParser p, JsonToken t, String field) throws IOException, FieldError {
            if (t != JsonToken.VALUE_STRING) {
                throw new FieldError(field, "must be a string, was " + describe(p, t));
            }
        }

        /** Validates the current string token as standard base64 in the parser's buffer, without allocating. */
        private static void checkBase64(JsonParser p, String field) throws IOException, FieldError {
            char[] chars = p.getTextCharacters();
            int from = p.getTextOffset();
            int len = p.getTextLength();
            int padding = 0;
            boolean ok = true;
            for (int i = 0; i < len && ok; i++) {
                char c = chars[from + i];
                if (c == '=') {
                    padding++;
                    ok = padding <= 2;
                } else {
                    ok = padding == 0 && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                            || c == '+' || c == '/');
                }
            }
            ok = ok && (padding > 0 ? len % 4 == 0 : len % 4 != 1);
            if (!ok) {
                base64(p.getText(), field);
                throw new FieldError(field, "not base64");
            }
        }

        private static Item readItem(JsonParser p, JsonToken v, String field) throws IOException, FieldError {
            if (v == JsonToken.VALUE_NULL) {
                return null;
            }
            expect(v, JsonToken.START_OBJECT, field, "a map of attributes");
            java.util.Map<String, AttributeValue> attributes = new java.util.HashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken av = p.nextToken();
                attributes.put(name, readValue(p, av, field + "." + name));
            }
            return Item.of(attributes);
        }

        private static AttributeValue readValue(JsonParser p, JsonToken v, String field) throws IOException, FieldError {
            expect(v, JsonToken.START_OBJECT, field, "an attribute value object like {\"S\":\"...\"}");
            if (p.nextToken() != JsonToken.FIELD_NAME) {
                throw new FieldError(field, "attribute value has no type descriptor");
            }
            String type = p.currentName();
            JsonToken t = p.nextToken();
            String fp = field + "." + type;
            AttributeValue value = switch (type) {
                case "S" -> new AttributeValue.S(text(p, t, fp));
                case "N" -> number(text(p, t, fp), fp);
                case "B" -> new AttributeValue.B(base64(text(p, t, fp), fp));
                case "BOOL" -> new AttributeValue.Bool(bool(p, t, fp));
                case "NULL" -> {
                    if (!bool(p, t, fp)) {
                        throw new FieldError(fp, "must be true");
                    }
                    yield AttributeValue.Null.INSTANCE;
                }
                case "L" -> {
                    expect(t, JsonToken.START_ARRAY, fp, "an array");
                    List<AttributeValue> list = new ArrayList<>();
                    JsonToken e;
                    while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                        list.add(readValue(p, e, fp + "[" + list.size() + "]"));
                    }
                    yield new AttributeValue.L(list);
                }
                case "M" -> {
                    Item nested = readItem(p, t, fp);
                    if (nested == null) {
                        throw new FieldError(fp, "must be an object, was null");
                    }
                    yield new AttributeValue.M(nested.attributes());
                }
                case "SS" -> new AttributeValue.SS(stringArray(p, t, fp));
                case "NS" -> {
                    List<String> numbers = stringArray(p, t, fp);
                    for (int i = 0; i < numbers.size(); i++) {
                        number(numbers.get(i), fp + "[" + i + "]");
                    }
                    yield new AttributeValue.NS(numbers);
                }
                case "BS" -> {
                    List<String> texts = stringArray(p, t, fp);
                    List<dev.streampipe.core.record.Bytes> bytes = new ArrayList<>(texts.size());
                    for (int i = 0; i < texts.size(); i++) {
                        bytes.add(base64(texts.get(i), fp + "[" + i + "]"));
                    }
                    yield new AttributeValue.BS(bytes);
                }
                default -> throw new FieldError(field, "unknown attribute type '" + abbreviate(type) + "'");
            };
            if (p.nextToken() != JsonToken.END_OBJECT) {
                throw new FieldError(field, "attribute value must have exactly one type descriptor");
            }
            return value;
        }

        private static AttributeValue.N number(String text, String field) throws FieldError {
            try {
                return new AttributeValue.N(text);
            } catch (IllegalArgumentException e) {
                throw new FieldError(field, "not a number: '" + abbreviate(text) + "'");
            }
        }

        private static dev.streampipe.core.record.Bytes base64(String text, String field) throws FieldError {
            try {
                return dev.streampipe.core.record.Bytes.fromBase64(text);
            } catch (IllegalArgumentException e) {
                throw new FieldError(field, "not base64: " + e.getMessage());
            }
        }

        private static boolean bool(JsonParser p, JsonToken t, String field) throws IOException, FieldError {
            if (t == JsonToken.VALUE_TRUE) {
                return true;
            }
            if (t == JsonToken.VALUE_FALSE) {
                return false;
            }
            throw new FieldError(field, "must be true or false, was " + describe(p, t));
        }

        private static List<String> stringArray(JsonParser p, JsonToken t, String field) throws IOException, FieldError {
            expect(t, JsonToken.START_ARRAY, field, "an array of strings");
            List<String> values = new ArrayList<>();
            JsonToken e;
            while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
                values.add(text(p, e, field + "[" + values.size() + "]"));
            }
            return values;
        }

        private static String text(JsonParser p, JsonToken t, String field) throws IOException, FieldError {
            if (t != JsonToken.VALUE_STRING) {
                throw new FieldError(field, "must be a string, was " + describe(p, t));
            }
            return p.getText();
        }

        private static String optionalText(JsonParser p, JsonToken t, String field) throws IOException, FieldError {
            return t == JsonToken.VALUE_NULL ? null : text(p, t, field);
        }

        private static void expect(JsonToken actual, JsonToken expected, String field, String what)
                throws FieldError {
            if (actual != expected) {
                throw new FieldError(field, "must be " + what + ", was " + actual);
            }
        }

        private static <E extends Enum<E>> E enumValue(Class<E> type, String text, String field) throws FieldError {
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(text)) {
                    return e;
                }
            }
            throw new FieldError(field, "unknown value '" + abbreviate(text) + "'");
        }

        private static String describe(JsonParser p, JsonToken t) throws IOException {
            if (t == null) {
                return "end of input";
            }
            return switch (t) {
                case VALUE_STRING -> "string '" + abbreviate(p.getText()) + "'";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number " + abbreviate(p.getText());
                case VALUE_TRUE, VALUE_FALSE -> "boolean";
                case VALUE_NULL -> "null";
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                default -> t.toString();
            };
        }

        private static String abbreviate(String s) {
            return s.length() <= 40 ? s : s.substring(0, 40) + "...";
        }
    }
}

package dev.streampipe.testing;

import dev.streampipe.core.json.JsonStrings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a DynamoDB Streams Lambda event as the event source mapping delivers it (the shape of {@code events/}),
 * with no hand-concatenated JSON: {@code StreamEvent.of(StreamEvent.modify("PK", "ORDER#1", "SK", "ORDER#1")
 * .oldImage("status", "PLACED").newImage("status", "SHIPPED"))}. Image values: {@link String} to {@code S},
 * {@link Number} to {@code N}, {@link Boolean} to {@code BOOL}. Records get increasing sequence numbers and
 * {@code NEW_AND_OLD_IMAGES} unless told otherwise.
 */
public final class StreamEvent {
    private StreamEvent() {
    }

    public static Record insert(String pkName, String pk, String skName, String sk) {
        return new Record("INSERT", pkName, pk, skName, sk);
    }

    public static Record modify(String pkName, String pk, String skName, String sk) {
        return new Record("MODIFY", pkName, pk, skName, sk);
    }

    public static Record remove(String pkName, String pk, String skName, String sk) {
        return new Record("REMOVE", pkName, pk, skName, sk);
    }

    /** A record of event name {@code eventName} ({@code INSERT}, {@code MODIFY} or {@code REMOVE}). */
    public static Record of(String eventName, String pkName, String pk, String skName, String sk) {
        return switch (eventName) {
            case "INSERT", "MODIFY", "REMOVE" -> new Record(eventName, pkName, pk, skName, sk);
            default -> throw new IllegalArgumentException("eventName must be INSERT, MODIFY or REMOVE, was '"
                    + eventName + "'");
        };
    }

    /**
     * A record that is exactly {@code json} (e.g. a deliberately malformed one, to test dead-lettering of records
     * that cannot be decoded); its position still counts for the sequence numbers of the others.
     */
    public static Record verbatim(String json) {
        Record r = new Record("INSERT", "PK", "-", "SK", "-");
        r.verbatim = Objects.requireNonNull(json, "json");
        return r;
    }

    /** The event's JSON: {@code {"Records":[...]}}, the records in order. */
    public static String of(Record... records) {
        StringBuilder sb = new StringBuilder("{\"Records\":[");
        for (int i = 0; i < records.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(records[i].json(i + 1));
        }
        return sb.append("]}").toString();
    }

    /** One stream record; keys are copied into each image. */
    public static final class Record {
        private final String eventName;
        private final Map<String, Object> keys = new LinkedHashMap<>();
        private Map<String, Object> oldImage;
        private Map<String, Object> newImage;
        private String viewType = "NEW_AND_OLD_IMAGES";
        private Instant created = Instant.parse("2026-11-20T12:00:00Z");
        private String eventId;
        private String sequenceNumber;
        private String verbatim;

        private Record(String eventName, String pkName, String pk, String skName, String sk) {
            this.eventName = eventName;
            keys.put(Objects.requireNonNull(pkName), Objects.requireNonNull(pk));
            keys.put(Objects.requireNonNull(skName), Objects.requireNonNull(sk));
        }

        /** Attributes of the new image, as name, value pairs. */
        public Record newImage(Object... nameValues) {
            newImage = image(nameValues);
            return this;
        }

        /** Attributes of the old image, as name, value pairs. */
        public Record oldImage(Object... nameValues) {
            oldImage = image(nameValues);
            return this;
        }

        public Record viewType(String streamViewType) {
            this.viewType = streamViewType;
            return this;
        }

        public Record createdAt(Instant time) {
            this.created = time;
            return this;
        }

        public Record eventId(String id) {
            this.eventId = id;
            return this;
        }

        /** This record's {@code SequenceNumber} (by default {@code <1000 + position>00000000}). */
        public Record sequenceNumber(String number) {
            this.sequenceNumber = number;
            return this;
        }

        private Map<String, Object> image(Object... nameValues) {
            if (nameValues.length % 2 != 0) {
                throw new IllegalArgumentException("name, value pairs expected");
            }
            Map<String, Object> image = new LinkedHashMap<>(keys);
            for (int i = 0; i < nameValues.length; i += 2) {
                image.put((String) nameValues[i], nameValues[i + 1]);
            }
            return image;
        }

        String json(int n) {
            if (verbatim != null) {
                return verbatim;
            }
            StringBuilder sb = new StringBuilder("{\"eventID\":").append(JsonStrings.quote(eventId == null
                    ? "event-" + n : eventId)).append(",\"eventName\":\"").append(eventName)
                    .append("\",\"eventVersion\":\"1.1\",\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"us-east-1\","
                            + "\"eventSourceARN\":\"arn:aws:dynamodb:us-east-1:123456789012:table/test/stream/"
                            + "2026-11-20T00:00:00.000\",\"dynamodb\":{\"ApproximateCreationDateTime\":")
                    .append(created.getEpochSecond()).append(",\"Keys\":").append(attributes(keys));
            List<String> parts = new ArrayList<>();
            if (newImage != null && (viewType.equals("NEW_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES"))) {
                parts.add("\"NewImage\":" + attributes(newImage));
            }
            if (oldImage != null && (viewType.equals("OLD_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES"))) {
                parts.add("\"OldImage\":" + attributes(oldImage));
            }
            for (String p : parts) {
                sb.append(',').append(p);
            }
            sb.append(",\"SequenceNumber\":\"");
            if (sequenceNumber != null) {
                sb.append(sequenceNumber);
            } else {
                sb.append(1000 + n).append("00000000");
            }
            return sb.append("\",\"SizeBytes\":")
                    .append(64 + n).append(",\"StreamViewType\":\"").append(viewType).append("\"}}").toString();
        }

        private static String attributes(Map<String, Object> values) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<String, Object> e : values.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                Object v = e.getValue();
                String typed = v instanceof Number ? "{\"N\":" + JsonStrings.quote(v.toString()) + "}"
                        : v instanceof Boolean ? "{\"BOOL\":" + v + "}"
                        : "{\"S\":" + JsonStrings.quote(String.valueOf(v)) + "}";
                sb.append(JsonStrings.quote(e.getKey())).append(':').append(typed);
            }
            return sb.append('}').toString();
        }
    }
}

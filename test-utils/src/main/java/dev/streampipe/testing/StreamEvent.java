package dev.streampipe.testing;

import dev.streampipe.core.json.JsonStrings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds a DynamoDB Streams Lambda event as the event source mapping delivers it (the shape of {@code events/}),
 * with no hand-concatenated JSON: {@code StreamEvent.of(StreamEvent.modify("PK", "ORDER#1", "SK", "ORDER#1")
 * .oldImage("status", "PLACED").newImage("status", "SHIPPED"))}. Image values: {@link String} to {@code S},
 * {@link Number} to {@code N}, {@link Boolean} to {@code BOOL}, {@code byte[]} to {@code B}, {@code null} to
 * {@code NULL}, a {@link Map} to {@code M}, a {@link List} to {@code L}, a non-empty {@link Set} of strings, numbers or
 * {@code byte[]} to {@code SS}, {@code NS} or {@code BS}; anything else is refused, naming the attribute and the
 * value's class. Records get increasing sequence numbers, an {@code eventID} digest of their content
 * ({@code event-3fa2c01b9e4d}: the same record keeps it wherever it is piped, different records never share one) and
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
                String name = (String) nameValues[i];
                typed(name, nameValues[i + 1]); // refuses a value it cannot write, here rather than when piped
                image.put(name, nameValues[i + 1]);
            }
            return image;
        }

        String json(int n) {
            if (verbatim != null) {
                return verbatim;
            }
            StringBuilder sb = new StringBuilder(",\"eventName\":\"").append(eventName)
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
            String rest = sb.append("\",\"SizeBytes\":")
                    .append(64 + n).append(",\"StreamViewType\":\"").append(viewType).append("\"}}").toString();
            return "{\"eventID\":" + JsonStrings.quote(eventId == null ? defaultEventId() : eventId) + rest;
        }

        /**
         * {@code event-} and a digest of what the record says (its event, keys, images, view type, creation time and a
         * sequence number given to it; not its position): the same record keeps its id wherever it is piped (as a
         * record Lambda delivers again does), two different records never share one, as in a real stream, where
         * each {@code eventID} is unique: the effect ledger and the aggregations' state tell records apart by it.
         */
        private String defaultEventId() {
            String content = eventName + "|" + attributes(keys) + "|" + (newImage == null ? "" : attributes(newImage))
                    + "|" + (oldImage == null ? "" : attributes(oldImage)) + "|" + viewType + "|" + created + "|"
                    + (sequenceNumber == null ? "" : sequenceNumber);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
                return "event-" + HexFormat.of().formatHex(digest, 0, 6);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }

        private static String attributes(Map<String, Object> values) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<String, Object> e : values.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(',');
                }
                sb.append(JsonStrings.quote(e.getKey())).append(':').append(typed(e.getKey(), e.getValue()));
            }
            return sb.append('}').toString();
        }

        /** {@code v} as a DynamoDB JSON attribute value; {@code path} names it in the error for a type it cannot be. */
        private static String typed(String path, Object v) {
            if (v == null) {
                return "{\"NULL\":true}";
            }
            if (v instanceof String text) {
                return "{\"S\":" + JsonStrings.quote(text) + "}";
            }
            if (v instanceof Number) {
                return "{\"N\":" + JsonStrings.quote(v.toString()) + "}";
            }
            if (v instanceof Boolean) {
                return "{\"BOOL\":" + v + "}";
            }
            if (v instanceof byte[] bytes) {
                return "{\"B\":" + JsonStrings.quote(Base64.getEncoder().encodeToString(bytes)) + "}";
            }
            if (v instanceof Map<?, ?> map) {
                StringBuilder m = new StringBuilder("{\"M\":{");
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (m.length() > 6) {
                        m.append(',');
                    }
                    String key = String.valueOf(e.getKey());
                    m.append(JsonStrings.quote(key)).append(':').append(typed(path + "." + key, e.getValue()));
                }
                return m.append("}}").toString();
            }
            if (v instanceof List<?> list) {
                StringBuilder l = new StringBuilder("{\"L\":[");
                for (int i = 0; i < list.size(); i++) {
                    l.append(i == 0 ? "" : ",").append(typed(path + "[" + i + "]", list.get(i)));
                }
                return l.append("]}").toString();
            }
            if (v instanceof Set<?> set && !set.isEmpty()) {
                Object first = set.iterator().next();
                String type = first instanceof String ? "SS" : first instanceof Number ? "NS"
                        : first instanceof byte[] ? "BS" : null;
                List<String> members = new ArrayList<>();
                for (Object member : set) {
                    boolean same = "SS".equals(type) ? member instanceof String : "NS".equals(type)
                            ? member instanceof Number : member instanceof byte[];
                    if (type == null || !same) {
                        throw new IllegalArgumentException("attribute '" + path + "': a set's members must be all"
                                + " strings, all numbers or all byte[], was " + set);
                    }
                    members.add(JsonStrings.quote(member instanceof byte[] bytes
                            ? Base64.getEncoder().encodeToString(bytes) : member.toString()));
                }
                return "{\"" + type + "\":[" + String.join(",", members) + "]}";
            }
            throw new IllegalArgumentException("attribute '" + path + "': cannot write a " + v.getClass().getName()
                    + " as a DynamoDB value (" + v + "); give a String, Number, Boolean, byte[], null, Map, List or a"
                    + " non-empty Set of strings, numbers or byte[]");
        }
    }
}

package dev.streampipe.core.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Test helper for the decoder fuzz test: applies one {@link Mutation} to a stream record's JSON tree. Every choice
 * (which node, which value) comes from the mutation itself, so a failing case reproduces from its printed value.
 */
final class JsonMutator {
    /** Stands for a repeated key, which a Jackson tree cannot hold; {@link #serialize} turns it into the real key. */
    private static final String DUPLICATE_MARKER = "@@dup@@";
    private static final Set<String> TYPES = Set.of("S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] NOT_DIGITS = {"", "12a", " 1", "1 ", "-1", "+1", "1e5", "0x1F", "\u0661\u0662\u0663",
        "\uff11\uff12\uff13", "NaN", "Infinity", "1.2.3", "\u00bd", "--1", ".", "1,000", "\u00001"};
    private static final String BAD_BASE64_CHARS = " !*.-_=\n\u00e9#";
    private static final String GARBAGE_CHARS = "aZ09 \"\\/\t\n\r\u0000\u0001\u001f\u007f\u00e9\u00ff\u0100\u2028\u202e"
            + "\ud800\udc00\ufeff\uffff{}[]:,#S";

    /** Texts that look like numbers and break DynamoDB's rules: precision, magnitude, length. */
    private static final String[] NOT_DYNAMO_NUMBERS = {"1e9999999999", "-1e9999999999", "1e126", "-1E+126", "1e-131",
        "123456789012345678901234567890123456789", "0.000000000000000000000000000000000000000123456789012345678901234567890",
        "1" + "0".repeat(126), "9".repeat(5_000), "1e2147483648", "1e-2147483649"};
    /** Key values DynamoDB cannot hold: other types, empty, too long. */
    private static final String[] BAD_KEYS = {"{\"M\":{\"a\":{\"S\":\"b\"}}}", "{\"L\":[]}", "{\"BOOL\":true}",
        "{\"NULL\":true}", "{\"SS\":[\"a\"]}", "{\"NS\":[\"1\"]}", "{\"S\":\"\"}", "{\"B\":\"\"}"};
    /** Creation times in other units or out of any plausible range. */
    private static final String[] ODD_TIMES = {"1795183505000", "1795183505085.5", "1795183505000000", "0", "-5",
        "86400", "9999999999", "1e12", "1.795183505e9"};

    enum Kind { DELETE_FIELD, REPLACE_WITH_OTHER_TYPE, REPLACE_NUMBER, REPLACE_RECORD, GARBAGE_STRING, CORRUPT_BASE64,
        NON_DIGITS, DUPLICATE_DESCRIPTOR, EMPTY_OBJECT, NOT_A_DYNAMO_NUMBER, BAD_KEY, ODD_CREATION_TIME, HUGE_STRING }

    /** One mutation: its kind, which of the eligible nodes it hits ({@code target} modulo their count), a seed. */
    record Mutation(Kind kind, int target, long salt) {
    }

    /** A node and where it sits: {@code parent} is null for the record itself, whose depth is 0. */
    private record Location(JsonNode parent, String field, int index, JsonNode node, int depth) {
    }

    private JsonMutator() {
    }

    /** Applies {@code m} to {@code record} (changing it in place) and returns the record, or what replaced it. */
    static JsonNode mutate(JsonNode record, Mutation m) {
        Random random = new Random(m.salt());
        List<Location> all = new ArrayList<>();
        collect(new Location(null, null, -1, record, 0), all);
        return switch (m.kind()) {
            case DELETE_FIELD -> pick(all, l -> l.parent() instanceof ObjectNode, m, loc -> {
                ((ObjectNode) loc.parent()).remove(loc.field());
                return record;
            }, record);
            case REPLACE_WITH_OTHER_TYPE -> pick(all, l -> true, m,
                    loc -> replace(record, loc, otherType(loc.node().getNodeType(), random)), record);
            case REPLACE_NUMBER -> pick(all, l -> l.node().isNumber(), m,
                    loc -> replace(record, loc, number(random)), record);
            case REPLACE_RECORD -> otherType(JsonNodeType.OBJECT, random);
            case GARBAGE_STRING -> pick(all, l -> l.node().isTextual(), m,
                    loc -> replace(record, loc, TextNode.valueOf(garbage(random))), record);
            case CORRUPT_BASE64 -> corruptBase64(record, all, m, random);
            case NON_DIGITS -> pick(all, l -> "SequenceNumber".equals(l.field()) || "N".equals(l.field())
                            || (l.parent() instanceof ArrayNode && l.node().isTextual() && isUnder(l, "NS", all)), m,
                    loc -> replace(record, loc, TextNode.valueOf(notDigits(loc.node().asText(), random))), record);
            case DUPLICATE_DESCRIPTOR -> pick(all, JsonMutator::isAttributeValue, m, loc -> {
                ObjectNode value = (ObjectNode) loc.node();
                String type = value.fieldNames().next();
                if (random.nextBoolean()) {
                    value.set(DUPLICATE_MARKER + type, value.get(type).deepCopy());
                } else {
                    String other = List.copyOf(TYPES).stream().sorted().filter(t -> !t.equals(type))
                            .skip(random.nextInt(TYPES.size() - 1)).findFirst().orElseThrow();
                    value.set(other, other.equals("NULL") || other.equals("BOOL") ? NODES.booleanNode(true)
                            : TextNode.valueOf("1"));
                }
                return record;
            }, record);
            case EMPTY_OBJECT -> pick(all, l -> l.node().isObject(), m,
                    loc -> replace(record, loc, NODES.objectNode()), record);
            case NOT_A_DYNAMO_NUMBER -> pick(all, l -> "N".equals(l.field())
                            || (l.parent() instanceof ArrayNode && l.node().isTextual() && isUnder(l, "NS", all)), m,
                    loc -> replace(record, loc, TextNode.valueOf(NOT_DYNAMO_NUMBERS[random.nextInt(
                            NOT_DYNAMO_NUMBERS.length)])), record);
            case BAD_KEY -> pick(all, l -> l.node().isObject() && isUnder(l, "Keys", all), m,
                    loc -> replace(record, loc, parse(BAD_KEYS[random.nextInt(BAD_KEYS.length)])), record);
            case ODD_CREATION_TIME -> pick(all, l -> "ApproximateCreationDateTime".equals(l.field()), m,
                    loc -> replace(record, loc, parse(ODD_TIMES[random.nextInt(ODD_TIMES.length)])), record);
            case HUGE_STRING -> pick(all, l -> "S".equals(l.field()) && l.node().isTextual(), m,
                    loc -> replace(record, loc, TextNode.valueOf("h".repeat(random.nextBoolean() ? 409_600 : 409_601))),
                    record);
        };
    }

    /** The record's JSON text, compact, with duplicate-key markers turned into real repeated keys. */
    static String serialize(JsonNode record) {
        return record.toString().replace("\"" + DUPLICATE_MARKER, "\"");
    }

    private static JsonNode corruptBase64(JsonNode record, List<Location> all, Mutation m, Random random) {
        Predicate<Location> isBase64 = l -> l.node().isTextual()
                && ("B".equals(l.field()) || (l.parent() instanceof ArrayNode && isUnder(l, "BS", all)));
        if (all.stream().anyMatch(isBase64)) {
            return pick(all, isBase64, m,
                    loc -> replace(record, loc, TextNode.valueOf(corrupt(loc.node().asText(), random))), record);
        }
        // No binary value here: turn some attribute value into one with corrupt base64.
        byte[] data = new byte[1 + random.nextInt(24)];
        random.nextBytes(data);
        ObjectNode binary = NODES.objectNode().put("B", corrupt(Base64.getEncoder().encodeToString(data), random));
        return pick(all, JsonMutator::isAttributeValue, m, loc -> replace(record, loc, binary), record);
    }

    private static JsonNode pick(List<Location> all, Predicate<Location> eligible, Mutation m,
                                 java.util.function.Function<Location, JsonNode> action, JsonNode unchanged) {
        List<Location> candidates = all.stream().filter(eligible).toList();
        // Every other mutation hits the envelope (the record's and its dynamodb object's own fields) if it can:
        // most nodes are deep inside the images, but most of the decoder's rules are about the envelope.
        List<Location> envelope = candidates.stream().filter(l -> l.depth() <= 2).toList();
        if (m.target() % 2 == 0 && !envelope.isEmpty()) {
            candidates = envelope;
        }
        return candidates.isEmpty() ? unchanged
                : action.apply(candidates.get(Math.floorMod(m.target(), candidates.size())));
    }

    private static JsonNode replace(JsonNode record, Location loc, JsonNode value) {
        if (loc.parent() == null) {
            return value;
        }
        if (loc.parent() instanceof ObjectNode o) {
            o.set(loc.field(), value);
        } else {
            ((ArrayNode) loc.parent()).set(loc.index(), value);
        }
        return record;
    }

    private static void collect(Location loc, List<Location> out) {
        out.add(loc);
        JsonNode node = loc.node();
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                collect(new Location(o, name, -1, o.get(name), loc.depth() + 1), out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                collect(new Location(a, null, i, a.get(i), loc.depth() + 1), out);
            }
        }
    }

    /** True when {@code loc} is a member of the object or array that is the value of a field named {@code field}. */
    private static boolean isUnder(Location loc, String field, List<Location> all) {
        return all.stream().anyMatch(l -> l.node() == loc.parent() && field.equals(l.field()));
    }

    private static JsonNode parse(String json) {
        try {
            return EventJson.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isAttributeValue(Location loc) {
        return loc.node() instanceof ObjectNode o && o.size() == 1 && TYPES.contains(o.fieldNames().next());
    }

    private static JsonNode otherType(JsonNodeType current, Random random) {
        while (true) {
            JsonNode candidate = switch (random.nextInt(6)) {
                case 0 -> number(random);
                case 1 -> TextNode.valueOf(random.nextBoolean() ? garbage(random) : "S");
                case 2 -> NODES.booleanNode(random.nextBoolean());
                case 3 -> NODES.nullNode();
                case 4 -> {
                    ArrayNode array = NODES.arrayNode();
                    for (int i = random.nextInt(3); i > 0; i--) {
                        array.add(random.nextBoolean() ? number(random) : NODES.objectNode().put("S", garbage(random)));
                    }
                    yield array;
                }
                default -> random.nextBoolean() ? NODES.objectNode()
                        : NODES.objectNode().set(List.of("S", "N", "M", "x").get(random.nextInt(4)), number(random));
            };
            if (candidate.getNodeType() != current) {
                return candidate;
            }
        }
    }

    private static JsonNode number(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> NODES.numberNode(random.nextInt(1000));
            case 7 -> NODES.numberNode(Instant.MAX.getEpochSecond() + 1);
            case 8 -> NODES.numberNode(new BigDecimal("1e-400"));
            case 1 -> NODES.numberNode(-1 - random.nextInt(1000));
            case 2 -> NODES.numberNode(new BigInteger("99999999999999999999999999999"));
            case 3 -> NODES.numberNode(Long.MAX_VALUE);
            case 4 -> NODES.numberNode(new BigDecimal("1e400"));
            case 5 -> NODES.numberNode(new BigDecimal("-0.001"));
            default -> NODES.numberNode(new BigDecimal("1795183505.085"));
        };
    }

    private static String garbage(Random random) {
        if (random.nextInt(3) == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = random.nextInt(24); i > 0; i--) {
            sb.append(GARBAGE_CHARS.charAt(random.nextInt(GARBAGE_CHARS.length())));
        }
        return sb.toString();
    }

    private static String notDigits(String original, Random random) {
        if (original.isEmpty() || random.nextBoolean()) {
            return NOT_DIGITS[random.nextInt(NOT_DIGITS.length)];
        }
        int at = random.nextInt(original.length());
        return original.substring(0, at) + "x!. -"
                .charAt(random.nextInt(5)) + original.substring(at + 1);
    }

    private static String corrupt(String base64, Random random) {
        int at = base64.isEmpty() ? 0 : random.nextInt(base64.length());
        char bad = BAD_BASE64_CHARS.charAt(random.nextInt(BAD_BASE64_CHARS.length()));
        return switch (random.nextInt(5)) {
            case 0 -> base64.substring(0, at);
            case 1 -> base64.substring(0, at) + bad + base64.substring(at);
            case 2 -> base64.isEmpty() ? String.valueOf(bad) : base64.substring(0, at) + bad + base64.substring(at + 1);
            case 3 -> base64 + "===";
            default -> base64.replace("=", "");
        };
    }
}

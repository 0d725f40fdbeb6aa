package dev.streampipe.check.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Test helper for {@link CheckFuzzTest}: damages a template, as text or as a tree. Every choice (which node or
 * place, which value) comes from the {@link Mutation}, so a failing case reproduces from its printed value.
 */
final class TemplateMutator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String HOSTILE_CHARS = "\t\u0000\"'\\:{}[],#&*!|>-?%@`\n\r\u00e9\ufeff\ud83d\ude00\u2028";
    /** Keys check reads: every other tree mutation hits a node under one of them, where damage matters most. */
    private static final Set<String> READ_KEYS = Set.of("Parameters", "Default", "Resources", "Type", "Properties",
            "Events", "Stream", "EventSourceArn", "Source", "SourceParameters", "DynamoDBStreamParameters",
            "DestinationConfig", "OnFailure", "Destination", "DeadLetterConfig", "FunctionResponseTypes",
            "BatchSize", "MaximumRetryAttempts", "MaximumRecordAgeInSeconds", "BisectBatchOnFunctionError",
            "ParallelizationFactor", "TumblingWindowInSeconds", "MaximumBatchingWindowInSeconds",
            "OnPartialBatchItemFailure", "EventInvokeConfig", "DeadLetterQueue", "Dimensions", "Metrics",
            "MetricStat", "Metric", "MetricName", "Namespace", "Policies", "PolicyDocument", "Statement", "Roles",
            "ManagedPolicyArns", "ContainerDefinitions", "Environment", "TaskDefinition", "TableName");
    private static final List<String> JUNK = List.of("garbage", "}", "]]]", "\n---\n", "\n...\n", "\u0000",
            "\n{\"Resources\": {}}", " // comment", "\n  - x", "\n\t", ": :", "!Ref", "&a *a");

    /** What to do. Text kinds damage the file's characters or bytes; tree kinds one node of the parsed template. */
    enum Kind {
        TRUNCATE, APPEND_JUNK, INSERT_JUNK, DELETE_LINE, DUPLICATE_LINE, SHIFT_LINE, HOSTILE_CHAR, UTF16, BOM,
        OTHER_TYPE, LIST_FOR_MAP, MAP_FOR_LIST, DELETE, NULL, DEEP, INTRINSIC;

        boolean onTree() {
            return ordinal() >= OTHER_TYPE.ordinal();
        }
    }

    /** One mutation: its kind, where it hits ({@code target} modulo the candidates), a seed for its values. */
    record Mutation(Kind kind, int target, long salt) {
    }

    /** A node and its place: {@code parent} is null for the root. */
    private record Place(JsonNode parent, String field, int index, JsonNode node) {
    }

    private TemplateMutator() {
    }

    /** The damaged file's bytes: {@code text} damaged, or {@code tree} (the parsed text) damaged, as JSON. */
    static byte[] mutate(String text, JsonNode tree, Mutation m) {
        Random random = new Random(m.salt());
        if (!m.kind().onTree()) {
            return text(text, m, random);
        }
        JsonNode copy = tree.deepCopy();
        List<Place> places = new ArrayList<>();
        collect(new Place(null, null, -1, copy), places);
        List<Place> read = places.stream().filter(p -> p.field() != null && READ_KEYS.contains(p.field())).toList();
        List<Place> candidates = m.target() % 2 == 0 && !read.isEmpty() ? read : places;
        Place place = candidates.get(Math.floorMod(m.target() / 2, candidates.size()));
        JsonNode root = m.kind() == Kind.DELETE && place.parent() != null ? delete(copy, place)
                : replace(copy, place, tree(place.node(), m.kind(), random));
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A value Lambda and Pipes reject for every {@link MappingSetting}, chosen by {@code pick}. */
    static JsonNode invalidSettingValue(int pick) {
        List<JsonNode> values = List.of(NODES.textNode("ten"), NODES.numberNode(new BigInteger("12345678901234567890")),
                NODES.numberNode(-5), NODES.numberNode(new BigDecimal("2.5")), NODES.numberNode(new BigDecimal("1e400")),
                NODES.numberNode(700_000), NODES.arrayNode().add(1), NODES.objectNode().put("a", 1).put("b", 2),
                NODES.nullNode(), NODES.textNode(""), NODES.textNode("maybe"), NODES.textNode("1".repeat(5000)),
                NODES.objectNode().set("Ref", NODES.arrayNode().add(1)));
        return values.get(Math.floorMod(pick, values.size()));
    }

    private static byte[] text(String text, Mutation m, Random random) {
        if (m.kind() == Kind.UTF16) {
            return text.getBytes(StandardCharsets.UTF_16);
        }
        int at = text.isEmpty() ? 0 : Math.floorMod(m.target(), text.length());
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int line = Math.floorMod(m.target(), lines.size());
        String damaged = switch (m.kind()) {
            case TRUNCATE -> text.substring(0, at);
            case APPEND_JUNK -> text + JUNK.get(random.nextInt(JUNK.size()));
            case INSERT_JUNK -> text.substring(0, at) + JUNK.get(random.nextInt(JUNK.size())) + text.substring(at);
            case DELETE_LINE -> {
                lines.remove(line);
                yield String.join("\n", lines);
            }
            case DUPLICATE_LINE -> {
                lines.add(line, lines.get(line));
                yield String.join("\n", lines);
            }
            case SHIFT_LINE -> {
                lines.set(line, random.nextBoolean() ? "  " + lines.get(line) : lines.get(line).replaceFirst("^ {1,2}", ""));
                yield String.join("\n", lines);
            }
            case HOSTILE_CHAR -> text.substring(0, at) + HOSTILE_CHARS.charAt(random.nextInt(HOSTILE_CHARS.length()))
                    + text.substring(Math.min(text.length(), at + random.nextInt(2)));
            case BOM -> "\ufeff" + text;
            default -> throw new IllegalArgumentException(m.kind() + " is not a text mutation");
        };
        return damaged.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode tree(JsonNode node, Kind kind, Random random) {
        return switch (kind) {
            case OTHER_TYPE -> otherType(node, random);
            case LIST_FOR_MAP -> {
                ArrayNode list = NODES.arrayNode();
                node.forEach(list::add);
                yield node.isObject() ? list : otherType(node, random);
            }
            case MAP_FOR_LIST -> {
                ObjectNode map = NODES.objectNode();
                for (int i = 0; i < node.size(); i++) {
                    map.set("k" + i, node.get(i));
                }
                yield node.isArray() ? map : otherType(node, random);
            }
            case NULL -> NODES.nullNode();
            case DELETE -> NODES.missingNode();
            case DEEP -> {
                JsonNode deep = node;
                for (int depth = 1 + random.nextInt(130); depth > 0; depth--) {
                    deep = random.nextBoolean() ? NODES.arrayNode().add(deep) : NODES.objectNode().set("d", deep);
                }
                yield deep;
            }
            case INTRINSIC -> List.<JsonNode>of(NODES.objectNode().put("Ref", "NoSuchParameter"),
                    NODES.objectNode().put("Ref", "AWS::NoValue"), NODES.objectNode().put("Fn::Bogus", 1),
                    NODES.objectNode().set("Ref", NODES.arrayNode().add(1)),
                    NODES.objectNode().set("Fn::If", NODES.arrayNode().add("C").add(node).add(node)),
                    NODES.objectNode().set("Fn::GetAtt", NODES.nullNode()),
                    NODES.objectNode().set("Fn::Sub", NODES.arrayNode().add(1).add(2)),
                    NODES.objectNode().put("Fn::Sub", "${AWS::Region}-${Unknown.Attr}"),
                    NODES.objectNode().set("Fn::Join", NODES.arrayNode().add(NODES.arrayNode()).add(node)))
                    .get(random.nextInt(9));
            default -> throw new IllegalArgumentException(kind + " is not a tree mutation");
        };
    }

    private static JsonNode otherType(JsonNode node, Random random) {
        while (true) {
            JsonNode candidate = switch (random.nextInt(7)) {
                case 0 -> invalidSettingValue(random.nextInt(13));
                case 1 -> NODES.textNode(garbage(random));
                case 2 -> NODES.booleanNode(random.nextBoolean());
                case 3 -> NODES.numberNode(random.nextInt(20_000) - 2);
                case 4 -> NODES.arrayNode().add(garbage(random)).add(NODES.objectNode());
                case 5 -> NODES.objectNode().put(garbage(random), garbage(random));
                default -> NODES.objectNode();
            };
            if (candidate.getNodeType() != node.getNodeType()) {
                return candidate;
            }
        }
    }

    private static String garbage(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.append(HOSTILE_CHARS.charAt(random.nextInt(HOSTILE_CHARS.length())));
        }
        return text.toString();
    }

    private static JsonNode replace(JsonNode root, Place place, JsonNode value) {
        if (place.parent() == null) {
            return value;
        }
        if (place.parent() instanceof ObjectNode map) {
            map.set(place.field(), value);
        } else {
            ((ArrayNode) place.parent()).set(place.index(), value);
        }
        return root;
    }

    private static JsonNode delete(JsonNode root, Place place) {
        if (place.parent() instanceof ObjectNode map) {
            map.remove(place.field());
        } else {
            ((ArrayNode) place.parent()).remove(place.index());
        }
        return root;
    }

    private static void collect(Place place, List<Place> out) {
        out.add(place);
        if (place.node() instanceof ObjectNode map) {
            List<String> names = new ArrayList<>();
            map.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                collect(new Place(map, name, -1, map.get(name)), out);
            }
        } else if (place.node() instanceof ArrayNode list) {
            for (int i = 0; i < list.size(); i++) {
                collect(new Place(list, null, i, list.get(i)), out);
            }
        }
    }
}

package dev.streampipe.core.decode;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streampipe.testing.PipelineTestDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Test helper: reads the sample events as trees and builds edited copies of their records. */
final class EventJson {
    /** Keeps numbers exact (BigDecimal, BigInteger): {@code 1e400} and {@code 1795183505.085} survive a round trip. */
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private EventJson() {
    }

    static JsonNode tree(Path file) {
        try {
            return MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh copy of record {@code index} of an event file in {@code events/}. */
    static ObjectNode record(String fileName, int index) {
        return (ObjectNode) tree(PipelineTestDriver.event(fileName)).get("Records").get(index).deepCopy();
    }

    /** The first record of {@code turn-insert.json}, edited. */
    static ObjectNode turnInsert(Consumer<ObjectNode> edit) {
        ObjectNode record = record("turn-insert.json", 0);
        edit.accept(record);
        return record;
    }

    /** {@code {"Records":[...]}} holding the given records, compact. */
    static String event(JsonNode... records) {
        ArrayNode array = MAPPER.createArrayNode();
        for (JsonNode r : records) {
            array.add(r);
        }
        ObjectNode event = MAPPER.createObjectNode();
        event.set("Records", array);
        return event.toString();
    }

    /** Sets (adds or replaces) the value at a JSON pointer such as {@code /dynamodb/NewImage/role/S}. */
    static void set(ObjectNode root, String pointer, JsonNode value) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = root.at(p.head());
        if (parent instanceof ObjectNode o) {
            o.set(p.last().getMatchingProperty(), value);
        } else if (parent instanceof ArrayNode a) {
            a.set(p.last().getMatchingIndex(), value);
        } else {
            throw new IllegalArgumentException("no container at " + p.head() + " for " + pointer);
        }
    }

    static void remove(ObjectNode root, String pointer) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode parent = root.at(p.head());
        if (!(parent instanceof ObjectNode o) || o.remove(p.last().getMatchingProperty()) == null) {
            throw new IllegalArgumentException("nothing to remove at " + pointer);
        }
    }

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.streampipe.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.check.internal.Abbreviate;
import dev.streampipe.check.internal.InputText;
import dev.streampipe.check.internal.TemplateShape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What the template cannot say, from the {@code --config} file (YAML or JSON):
 * <pre>
 * writerThreshold: 5            # writers per table above which table-writers-over-threshold fires (default 5)
 * writerThresholds:             # per-table overrides, by logical id or table name (the reference's issue #57)
 *   Orders: 8
 * externalReaders:              # readers of a table's stream that live outside this template
 *   - name: hotkey-monitor      # e.g. a KCL application, or a Pipe in another stack
 *     table: SessionTable       # logical id or table name
 * orderedHandlers:              # functions whose handlers keep per-key order at ParallelizationFactor > 1
 *   - RouterFunction
 * </pre>
 *
 * @param writerThreshold  default threshold, at least 1
 * @param writerThresholds per-table thresholds, each at least 1
 * @param externalReaders  stream readers outside the template
 * @param orderedHandlers  logical ids of functions known to keep per-key order
 */
public record CheckConfig(int writerThreshold, Map<String, Integer> writerThresholds,
                          List<ExternalReader> externalReaders, Set<String> orderedHandlers) {
    /** The reference's default: five distinct code paths on one table. */
    public static final int DEFAULT_WRITER_THRESHOLD = 5;
    private static final Set<String> KEYS = Set.of("writerThreshold", "writerThresholds", "externalReaders",
            "orderedHandlers");

    /**
     * A reader of a table's stream declared in the config.
     *
     * @param name  how reports call it
     * @param table the table's logical id in the template, or its name
     */
    public record ExternalReader(String name, String table) {
        public ExternalReader {
            requireText(name, "externalReaders[].name");
            requireText(table, "externalReaders[].table");
        }
    }

    public CheckConfig {
        if (writerThreshold < 1) {
            throw new IllegalArgumentException("writerThreshold must be at least 1, was " + writerThreshold);
        }
        writerThresholds = Map.copyOf(writerThresholds);
        writerThresholds.forEach((table, limit) -> {
            if (limit < 1) {
                throw new IllegalArgumentException("writerThresholds." + table + " must be at least 1, was " + limit);
            }
        });
        externalReaders = List.copyOf(externalReaders);
        orderedHandlers = Set.copyOf(orderedHandlers);
    }

    /** No config file: threshold 5, no overrides, no external readers. */
    public static CheckConfig defaults() {
        return new CheckConfig(DEFAULT_WRITER_THRESHOLD, Map.of(), List.of(), Set.of());
    }

    /** The threshold for a table known by logical id and, if the template fixes it, physical name. */
    public int thresholdFor(String logicalId, String tableName) {
        Integer limit = writerThresholds.get(logicalId);
        if (limit == null && tableName != null) {
            limit = writerThresholds.get(tableName);
        }
        return limit == null ? writerThreshold : limit;
    }

    /**
     * Reads a config file, as strictly as a template ({@link InputText}): one document, each key its shape.
     *
     * @throws CheckInputException naming the file and the bad key or value
     */
    public static CheckConfig read(Path file) {
        String text = InputText.read(file, "config");
        JsonNode root = text.isBlank() ? null : InputText.parse("config " + file, text);
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new CheckInputException("config " + file + ": " + e.getMessage(), e);
        }
    }

    static CheckConfig parse(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            return defaults();
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("must be a mapping, was " + TemplateShape.kind(root));
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException("unknown key '" + Abbreviate.text(name) + "' (known: externalReaders, "
                        + "orderedHandlers, writerThreshold, writerThresholds)");
            }
        }
        int threshold = root.has("writerThreshold") ? whole(root.get("writerThreshold"), "writerThreshold")
                : DEFAULT_WRITER_THRESHOLD;
        Map<String, Integer> perTable = new LinkedHashMap<>();
        shaped(root, "writerThresholds", JsonNode::isObject, "a map").properties().forEach(e ->
                perTable.put(e.getKey(), whole(e.getValue(), "writerThresholds." + e.getKey())));
        List<ExternalReader> external = new ArrayList<>();
        JsonNode readers = shaped(root, "externalReaders", JsonNode::isArray, "a list");
        for (int i = 0; i < readers.size(); i++) {
            JsonNode reader = shaped(readers, i, "externalReaders", JsonNode::isObject, "a map");
            external.add(new ExternalReader(text(reader, "name", i), text(reader, "table", i)));
        }
        Set<String> ordered = new LinkedHashSet<>();
        JsonNode handlers = shaped(root, "orderedHandlers", JsonNode::isArray, "a list");
        for (int i = 0; i < handlers.size(); i++) {
            ordered.add(shaped(handlers, i, "orderedHandlers", JsonNode::isTextual, "a string").asText());
        }
        return new CheckConfig(threshold, perTable, external, ordered);
    }

    /** The value of {@code key}, missing if absent; throws naming the key if it is there in another shape. */
    private static JsonNode shaped(JsonNode parent, String key, Predicate<JsonNode> shape, String expected) {
        JsonNode value = parent.path(key);
        if (!value.isMissingNode() && !shape.test(value)) {
            throw new IllegalArgumentException(key + " must be " + expected + ", was " + TemplateShape.kind(value));
        }
        return value;
    }

    private static JsonNode shaped(JsonNode list, int index, String key, Predicate<JsonNode> shape, String expected) {
        JsonNode value = list.get(index);
        if (!shape.test(value)) {
            throw new IllegalArgumentException(key + "[" + index + "] must be " + expected + ", was "
                    + TemplateShape.kind(value));
        }
        return value;
    }

    private static String text(JsonNode reader, String key, int index) {
        JsonNode value = reader.path(key);
        if (!value.isMissingNode() && !value.isTextual()) {
            throw new IllegalArgumentException("externalReaders[" + index + "]." + key + " must be a string, was "
                    + TemplateShape.kind(value));
        }
        return value.asText(null);
    }

    private static int whole(JsonNode value, String key) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException(key + " must be a whole number from 1 to " + Integer.MAX_VALUE
                    + ", was " + TemplateShape.kind(value));
        }
        return value.intValue();
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required and must not be blank, was '" + value + "'");
        }
    }
}

package dev.streampipe.system.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

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
     * Reads a config file.
     *
     * @throws CheckInputException naming the file and the bad key or value
     */
    public static CheckConfig read(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CheckInputException("cannot read config " + file + ": " + e.getMessage(), e);
        }
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
            throw new IllegalArgumentException("must be a mapping, was " + root.getNodeType());
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new IllegalArgumentException("unknown key '" + name + "' (known: externalReaders, "
                        + "orderedHandlers, writerThreshold, writerThresholds)");
            }
        }
        int threshold = root.has("writerThreshold") ? whole(root.get("writerThreshold"), "writerThreshold")
                : DEFAULT_WRITER_THRESHOLD;
        Map<String, Integer> perTable = new LinkedHashMap<>();
        root.path("writerThresholds").properties().forEach(e ->
                perTable.put(e.getKey(), whole(e.getValue(), "writerThresholds." + e.getKey())));
        List<ExternalReader> external = new ArrayList<>();
        for (JsonNode reader : root.path("externalReaders")) {
            external.add(new ExternalReader(reader.path("name").asText(null), reader.path("table").asText(null)));
        }
        Set<String> ordered = new LinkedHashSet<>();
        root.path("orderedHandlers").forEach(handler -> ordered.add(handler.asText()));
        return new CheckConfig(threshold, perTable, external, ordered);
    }

    private static int whole(JsonNode value, String key) {
        if (!value.isIntegralNumber()) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value.asText() + "'");
        }
        return value.asInt();
    }

    private static void requireText(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required and must not be blank, was '" + value + "'");
        }
    }
}

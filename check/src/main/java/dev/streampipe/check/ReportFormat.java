package dev.streampipe.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The report formats. Each renders a {@link CheckReport} as text ending in a newline; the same report always
 * renders to the same characters (fields in a fixed order, {@code \n} line ends on every platform).
 */
public enum ReportFormat {
    /** For people: one block per finding, then a summary line. */
    TEXT {
        @Override
        public String render(CheckReport report, String templateSource) {
            StringBuilder out = new StringBuilder();
            out.append("check ").append(report.templateName()).append(": ").append(report.readers().size())
                    .append(" stream reader(s)\n");
            for (StreamReader reader : report.readers()) {
                out.append("  ").append(reader.label()).append(" -> ")
                        .append(reader.source().resolved() ? "table " + reader.source().key() : "unresolved")
                        .append(" (").append(reader.source().description()).append(")\n");
            }
            for (Finding finding : report.findings()) {
                out.append(String.format(Locale.ROOT, "%-6s %s [%s]", finding.severity().label().toUpperCase(Locale.ROOT),
                                finding.rule().id(), String.join(", ", finding.resources()))).append('\n')
                        .append("       ").append(finding.message()).append('\n')
                        .append("       fix: ").append(finding.fix()).append('\n');
            }
            out.append(report.findings().size()).append(" finding(s): ");
            out.append(Arrays.stream(Severity.values()).map(s -> report.count(s) + " " + s.label())
                    .collect(Collectors.joining(", "))).append('\n');
            return out.toString();
        }
    },
    /** Machine-readable: stream readers and findings. */
    JSON {
        @Override
        public String render(CheckReport report, String templateSource) {
            ObjectNode root = NODES.objectNode();
            root.put("tool", "streampipe check");
            root.put("template", report.templateName());
            ArrayNode readers = root.putArray("streamReaders");
            for (StreamReader reader : report.readers()) {
                ObjectNode node = readers.addObject();
                node.put("id", reader.id());
                node.put("kind", reader.kind().name().toLowerCase(Locale.ROOT));
                node.put("function", reader.functionId());
                node.put("resolved", reader.source().resolved());
                node.put("stream", reader.source().resolved() ? reader.source().key() : "unresolved");
                node.put("source", reader.source().description());
            }
            ArrayNode findings = root.putArray("findings");
            for (Finding finding : report.findings()) {
                ObjectNode node = findings.addObject();
                node.put("rule", finding.rule().id());
                node.put("severity", finding.severity().label());
                ArrayNode resources = node.putArray("resources");
                finding.resources().forEach(resources::add);
                node.put("message", finding.message());
                node.put("fix", finding.fix());
            }
            ObjectNode summary = root.putObject("summary");
            for (Severity severity : Severity.values()) {
                summary.put(severity.label(), report.count(severity));
            }
            return write(root);
        }
    },
    /** SARIF 2.1.0, for code-scanning UIs: one rule per {@link RuleId}, one result per finding. */
    SARIF {
        @Override
        public String render(CheckReport report, String templateSource) {
            return write(Sarif.of(report, templateSource));
        }
    };

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n"));

    /**
     * Renders a report.
     *
     * @param templateSource the template's text, for line numbers (SARIF)
     */
    public abstract String render(CheckReport report, String templateSource);

    /** Parses {@code text|json|sarif}; the message names the bad value. */
    public static ReportFormat parse(String text) {
        for (ReportFormat format : values()) {
            if (format.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return format;
            }
        }
        throw new IllegalArgumentException("--format must be text, json or sarif, was '" + text + "'");
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writer(PRETTY).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render report", e);
        }
    }
}

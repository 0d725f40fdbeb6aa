package dev.streampipe.check;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the SARIF 2.1.0 log of a report: one rule per {@link RuleId.Scope#CHECK} rule; a result's location is the
 * line of its first resource's declaration.
 */
final class Sarif {
    private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private Sarif() {
    }

    static ObjectNode of(CheckReport report, String templateSource) {
        ObjectNode root = ReportFormat.NODES.objectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "streampipe-check");
        ArrayNode rules = driver.putArray("rules");
        List<RuleId> checkRules = RuleId.of(RuleId.Scope.CHECK);
        for (RuleId rule : checkRules) {
            ObjectNode node = rules.addObject();
            node.put("id", rule.id());
            node.putObject("shortDescription").put("text", rule.description());
            node.putObject("help").put("text", "Fix: " + rule.fix());
            node.putObject("defaultConfiguration").put("level", level(rule.severity()));
            node.putObject("properties").put("severity", rule.severity().label());
        }
        ArrayNode results = run.putArray("results");
        for (Finding finding : report.findings()) {
            ObjectNode result = results.addObject();
            result.put("ruleId", finding.rule().id());
            result.put("ruleIndex", checkRules.indexOf(finding.rule()));
            result.put("level", level(finding.severity()));
            result.putObject("message").put("text", finding.message() + ". Fix: " + finding.fix());
            ObjectNode location = result.putArray("locations").addObject();
            ObjectNode physical = location.putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", report.templateName());
            physical.putObject("region").put("startLine", lineOf(templateSource, finding.resources().get(0)));
            ArrayNode logical = location.putArray("logicalLocations");
            finding.resources().forEach(resource -> logical.addObject().put("name", resource).put("kind", "resource"));
        }
        return root;
    }

    /** SARIF levels: high is an error, medium a warning, low and info notes. */
    static String level(Severity severity) {
        return switch (severity) {
            case HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    /** 1-based line declaring the resource ({@code Id:} in YAML, {@code "Id":} in JSON), else 1. */
    static int lineOf(String source, String resource) {
        String id = resource.contains(".") ? resource.substring(0, resource.indexOf('.')) : resource;
        Pattern declaration = Pattern.compile("^\\s+[\"']?" + Pattern.quote(id) + "[\"']?\\s*:", Pattern.MULTILINE);
        Matcher resources = Pattern.compile("^\\s*[\"']?Resources[\"']?\\s*:", Pattern.MULTILINE).matcher(source);
        Matcher m = declaration.matcher(source);
        if (!m.find(resources.find() ? resources.end() : 0)) {
            return 1;
        }
        int line = 1;
        for (int i = 0; i < m.start(); i++) {
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}

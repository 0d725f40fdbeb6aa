package dev.streampipe.check.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CloudWatch alarms of a template that watch one function's {@code AWS/Lambda IteratorAge}: a metric alarm
 * ({@code MetricName}/{@code Namespace}/{@code Dimensions}) or a metric-math alarm whose {@code Metrics} include
 * that metric, with dimension {@code FunctionName} referring to the function ({@code !Ref F}, {@code F.Alias},
 * {@code ${F}}) or equal to its literal {@code FunctionName}. The one place both {@code check} and the
 * template invariants decide "this function has an IteratorAge alarm".
 */
public final class IteratorAgeAlarms {

    private IteratorAgeAlarms() {
    }

    /**
     * The properties of every alarm on the function's IteratorAge, in template order.
     *
     * @param functionId logical id of the function
     */
    public static List<JsonNode> of(CfnTemplate template, String functionId) {
        Optional<String> physicalName = template.resolveScalar(
                template.section("Resources").path(functionId).path("Properties").path("FunctionName"));
        List<JsonNode> alarms = new ArrayList<>();
        template.resourcesOfType("AWS::CloudWatch::Alarm").values().forEach(alarm -> {
            JsonNode properties = alarm.path("Properties");
            boolean matches = watches(properties, functionId, physicalName);
            for (JsonNode metric : properties.path("Metrics")) {
                matches |= watches(metric.path("MetricStat").path("Metric"), functionId, physicalName);
            }
            if (matches) {
                alarms.add(properties);
            }
        });
        return alarms;
    }

    private static boolean watches(JsonNode metric, String functionId, Optional<String> physicalName) {
        if (!"IteratorAge".equals(metric.path("MetricName").asText())
                || !"AWS/Lambda".equals(metric.path("Namespace").asText("AWS/Lambda"))) {
            return false;
        }
        for (JsonNode dimension : metric.path("Dimensions")) {
            if (!"FunctionName".equals(dimension.path("Name").asText())) {
                continue;
            }
            JsonNode value = dimension.path("Value");
            if (value.isTextual() && physicalName.filter(value.asText()::equals).isPresent()) {
                return true;
            }
            for (String name : Intrinsics.referencedNames(value)) {
                if (name.equals(functionId) || name.startsWith(functionId + ".")) {
                    return true;
                }
            }
        }
        return false;
    }
}

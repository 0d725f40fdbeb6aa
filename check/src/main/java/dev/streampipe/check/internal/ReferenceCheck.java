package dev.streampipe.check.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.streampipe.check.Finding;
import dev.streampipe.check.RuleId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every reference resolves, and nothing refers to a resource that may not exist.
 *
 * <ul>
 *   <li>{@code Ref} and {@code ${X}} name a parameter, a pseudo parameter or a resource; SAM's
 *       {@code Function.Alias} / {@code Function.Version} need {@code AutoPublishAlias} on that function;</li>
 *   <li>{@code Fn::GetAtt} and {@code ${X.Attr}} name a resource, and for the types listed in
 *       {@link ResourceAttributes} an attribute that type has;</li>
 *   <li>condition names (resource and output {@code Condition}, {@code Fn::If}, {@code Condition}) exist, and
 *       {@code Conditions} refer to parameters only;</li>
 *   <li>a reference to a conditional resource sits under that condition (the referring resource's own, or
 *       the true branch of an {@code Fn::If}); same for {@code DependsOn};</li>
 *   <li>every parameter is used.</li>
 * </ul>
 */
public final class ReferenceCheck implements TemplateRule {

    @Override
    public String name() {
        return "references";
    }

    @Override
    public List<RuleId> rules() {
        return List.of(RuleId.REFERENCES);
    }

    @Override
    public List<Finding> check(CfnTemplate template) {
        Scope scope = new Scope(template);
        List<Finding> findings = new ArrayList<>();
        Set<String> used = new HashSet<>();
        if (template.resources().isEmpty()) {
            findings.add(finding("Resources", "template declares no resources"));
        }
        template.conditions().forEach((name, body) -> Intrinsics.walk(body, "Conditions." + name, Set.of(), ref -> {
            used.add(ref.target());
            checkConditionReference(scope, ref, findings);
        }));
        template.resources().forEach((id, resource) -> {
            String path = "Resources." + id;
            Set<String> guards = ownCondition(scope, resource, path, findings);
            checkDependsOn(scope, resource.path("DependsOn"), path, guards, findings);
            for (String part : List.of("Properties", "Metadata", "UpdatePolicy")) {
                Intrinsics.walk(resource.path(part), path + "." + part, guards, ref -> {
                    used.add(ref.target());
                    checkReference(scope, ref, findings);
                });
            }
        });
        template.outputs().forEach((name, output) -> {
            String path = "Outputs." + name;
            Set<String> guards = ownCondition(scope, output, path, findings);
            output.properties().stream().filter(e -> !e.getKey().equals("Condition")).forEach(e ->
                    Intrinsics.walk(e.getValue(), path + "." + e.getKey(), guards, ref -> {
                        used.add(ref.target());
                        checkReference(scope, ref, findings);
                    }));
        });
        template.parameters().keySet().stream()
                .filter(parameter -> !used.contains(parameter))
                .forEach(parameter -> findings.add(finding("Parameters." + parameter,
                        "parameter " + parameter + " is never used")));
        return findings;
    }

    private Set<String> ownCondition(Scope scope, JsonNode node, String path, List<Finding> findings) {
        JsonNode condition = node.path("Condition");
        if (!condition.isTextual()) {
            return Set.of();
        }
        if (!scope.conditions.containsKey(condition.asText())) {
            findings.add(finding(path + ".Condition", "unknown condition " + condition.asText()));
        }
        return Set.of(condition.asText());
    }

    private void checkDependsOn(Scope scope, JsonNode dependsOn, String path, Set<String> guards,
                                List<Finding> findings) {
        List<String> targets = new ArrayList<>();
        if (dependsOn.isTextual()) {
            targets.add(dependsOn.asText());
        } else if (dependsOn.isArray()) {
            dependsOn.forEach(target -> targets.add(target.asText()));
        }
        for (String target : targets) {
            checkReference(scope, new Reference(Reference.Kind.REF, target, "", "DependsOn", path + ".DependsOn",
                    guards), findings);
        }
    }

    private void checkConditionReference(Scope scope, Reference ref, List<Finding> findings) {
        switch (ref.kind()) {
            case CONDITION -> checkConditionName(scope, ref, findings);
            case REF -> {
                if (!scope.parameters.containsKey(ref.target())
                        && !Intrinsics.PSEUDO_PARAMETERS.contains(ref.target())) {
                    findings.add(finding(ref.path(), ref.describe() + ": conditions may refer to parameters only"));
                }
            }
            case GET_ATT -> findings.add(finding(ref.path(), ref.describe()
                    + ": conditions cannot use resource attributes"));
        }
    }

    private void checkReference(Scope scope, Reference ref, List<Finding> findings) {
        switch (ref.kind()) {
            case CONDITION -> checkConditionName(scope, ref, findings);
            case REF -> checkRef(scope, ref, findings);
            case GET_ATT -> checkGetAtt(scope, ref, findings);
        }
    }

    private void checkRef(Scope scope, Reference ref, List<Finding> findings) {
        String target = ref.target();
        if (scope.parameters.containsKey(target) || Intrinsics.PSEUDO_PARAMETERS.contains(target)) {
            return;
        }
        String resourceId = target;
        if (target.endsWith(".Alias") || target.endsWith(".Version")) {
            resourceId = target.substring(0, target.lastIndexOf('.'));
            JsonNode function = scope.resources.get(resourceId);
            if (function == null || !function.path("Properties").has("AutoPublishAlias")) {
                findings.add(finding(ref.path(), ref.describe()
                        + ": SAM defines it only for an AWS::Serverless::Function with AutoPublishAlias"));
                return;
            }
        }
        if (!scope.resources.containsKey(resourceId)) {
            findings.add(finding(ref.path(), ref.describe() + ": no parameter, pseudo parameter or resource "
                    + "named " + target));
            return;
        }
        checkGuarded(scope, ref, resourceId, findings);
    }

    private void checkGetAtt(Scope scope, Reference ref, List<Finding> findings) {
        JsonNode resource = scope.resources.get(ref.target());
        if (resource == null) {
            findings.add(finding(ref.path(), ref.describe() + ": no resource named " + ref.target()));
            return;
        }
        String type = resource.path("Type").asText();
        Optional<Set<String>> known = ResourceAttributes.of(type);
        if (!ref.attribute().isEmpty() && known.isPresent() && !known.get().contains(ref.attribute())) {
            findings.add(finding(ref.path(), ref.describe() + ": " + type + " has no attribute " + ref.attribute()
                    + " (known: " + known.get().stream().sorted().toList() + ")"));
        }
        checkGuarded(scope, ref, ref.target(), findings);
    }

    private void checkConditionName(Scope scope, Reference ref, List<Finding> findings) {
        if (!scope.conditions.containsKey(ref.target())) {
            findings.add(finding(ref.path(), ref.describe() + ": no condition named " + ref.target()));
        }
    }

    private void checkGuarded(Scope scope, Reference ref, String resourceId, List<Finding> findings) {
        JsonNode condition = scope.resources.get(resourceId).path("Condition");
        if (!condition.isTextual()) {
            return;
        }
        boolean guarded = ref.guards().stream().anyMatch(guard -> scope.implies(guard, condition.asText()));
        if (!guarded) {
            findings.add(finding(ref.path(), ref.describe() + ": " + resourceId + " exists only when condition "
                    + condition.asText() + " holds, but this reference is not under that condition"));
        }
    }

    private Finding finding(String location, String message) {
        return Finding.at(RuleId.REFERENCES, location, message);
    }

    /** Names declared by the template, and condition implication through {@code Fn::And}. */
    private static final class Scope {
        private final Map<String, JsonNode> parameters;
        private final Map<String, JsonNode> conditions;
        private final Map<String, JsonNode> resources;

        Scope(CfnTemplate template) {
            this.parameters = template.parameters();
            this.conditions = template.conditions();
            this.resources = template.resources();
        }

        /** True if {@code guard} holding means {@code required} holds (same name, or a conjunct of it). */
        boolean implies(String guard, String required) {
            return implies(guard, required, new HashSet<>());
        }

        private boolean implies(String guard, String required, Set<String> seen) {
            if (guard.equals(required)) {
                return true;
            }
            if (!seen.add(guard)) {
                return false;
            }
            JsonNode conjuncts = conditions.getOrDefault(guard, MissingNode.getInstance()).path("Fn::And");
            for (JsonNode conjunct : conjuncts) {
                JsonNode name = conjunct.path("Condition");
                if (conjunct.size() == 1 && name.isTextual() && implies(name.asText(), required, seen)) {
                    return true;
                }
            }
            return false;
        }
    }
}

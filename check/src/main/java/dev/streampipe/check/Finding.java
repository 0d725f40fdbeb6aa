package dev.streampipe.check;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One finding: what {@code check} reports on any template, and what the project's template invariant tests report
 * on its own template. Both come from the same rule classes ({@code dev.streampipe.check.internal.CheckRule}).
 *
 * @param rule      the rule that found it (gives id and severity)
 * @param resources logical ids involved, the primary one first (a SAM event is {@code Function.Event}; an
 *                  external reader from the config is its declared name)
 * @param location  where in the template, e.g. {@code Resources.RouterRole.Properties.Policies[0]}; for a finding
 *                  made from its resources, {@code Resources.} and the primary one
 * @param message   what is wrong, naming the values involved
 * @param fix       the one-line fix for this case
 */
public record Finding(RuleId rule, List<String> resources, String location, String message, String fix) {
    /** Report order: severity (highest first), rule, resources, message. Total, so output is deterministic. */
    public static final Comparator<Finding> REPORT_ORDER = Comparator
            .comparing((Finding f) -> f.severity()).reversed()
            .thenComparing(f -> f.rule().ordinal())
            .thenComparing(f -> String.join(",", f.resources()))
            .thenComparing(Finding::message);

    public Finding {
        Objects.requireNonNull(rule, "rule");
        resources = List.copyOf(resources);
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("a finding names at least one resource, rule was " + rule.id());
        }
        if (message.isBlank()) {
            throw new IllegalArgumentException("message must not be blank, rule was " + rule.id());
        }
    }

    /** A finding about {@code resources}, located at the first, with the rule's default fix. */
    public static Finding of(RuleId rule, List<String> resources, String message) {
        return of(rule, resources, message, rule.fix());
    }

    /** A finding about {@code resources}, located at the first, with its own fix. */
    public static Finding of(RuleId rule, List<String> resources, String message, String fix) {
        return new Finding(rule, resources, "Resources." + resources.get(0), message, fix);
    }

    /**
     * A finding at a place in the template, with the rule's default fix; its resource is the logical id the place
     * is under ({@code Fn} for {@code Resources.Fn.DependsOn}, {@code P} for {@code Parameters.P}), or the place
     * itself when it is a whole section.
     */
    public static Finding at(RuleId rule, String location, String message) {
        String[] parts = location.split("\\.", 3);
        return new Finding(rule, List.of(parts.length > 1 ? parts[1] : location), location, message, rule.fix());
    }

    public Severity severity() {
        return rule.severity();
    }

    /** {@code [rule-id] location: message}, as test failures show it. */
    @Override
    public String toString() {
        return "[" + rule.id() + "] " + location + ": " + message;
    }
}

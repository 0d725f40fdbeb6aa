package dev.streampipe.system.check;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One finding of {@code check}.
 *
 * @param rule      the rule that found it (gives id and severity)
 * @param resources logical ids involved, the primary one first (a SAM event is {@code Function.Event}; an
 *                  external reader from the config is its declared name)
 * @param message   what is wrong, naming the values involved
 * @param fix       the one-line fix for this case
 */
public record CheckFinding(RuleId rule, List<String> resources, String message, String fix) {
    /** Report order: severity (highest first), rule, resources, message. Total, so output is deterministic. */
    public static final Comparator<CheckFinding> REPORT_ORDER = Comparator
            .comparing((CheckFinding f) -> f.severity()).reversed()
            .thenComparing(f -> f.rule().ordinal())
            .thenComparing(f -> String.join(",", f.resources()))
            .thenComparing(CheckFinding::message);

    public CheckFinding {
        Objects.requireNonNull(rule, "rule");
        resources = List.copyOf(resources);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("a finding names at least one resource, rule was " + rule.id());
        }
        if (message.isBlank()) {
            throw new IllegalArgumentException("message must not be blank, rule was " + rule.id());
        }
    }

    /** A finding with the rule's default fix. */
    public static CheckFinding of(RuleId rule, List<String> resources, String message) {
        return new CheckFinding(rule, resources, message, rule.fix());
    }

    public Severity severity() {
        return rule.severity();
    }
}

package dev.streampipe.check.internal;

import dev.streampipe.check.CheckConfig;
import dev.streampipe.check.Finding;
import dev.streampipe.check.RuleId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A group of related {@link RuleId}s applied to one template: {@code check}'s rules and the project's template
 * invariants are both these, reporting {@link Finding}s. Implementations never throw for a bad template (for
 * {@code check}, input validation happened in {@link TemplateInput}): they report every problem as a finding (an
 * empty list means the rules hold). They read the template only; they never call AWS.
 */
public interface CheckRule {

    /** Stable name, used in test names and as the name of a template invariant ({@code alarms}, ...). */
    String name();

    /** The rule ids this can report. */
    List<RuleId> rules();

    /** Every finding, in template order. */
    List<Finding> apply(CheckContext context);

    /** Every finding on {@code template} with the default config. */
    default List<Finding> check(CfnTemplate template) {
        return apply(new CheckContext(template, CheckConfig.defaults()));
    }

    /**
     * The findings of {@code ids} only, of {@code groups} in order, under {@code name}: how {@code check} and the
     * template invariants each take their part of the same rules.
     */
    static CheckRule selecting(String name, List<RuleId> ids, CheckRule... groups) {
        Set<RuleId> wanted = Set.copyOf(ids);
        List<CheckRule> from = List.of(groups);
        return new CheckRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<RuleId> rules() {
                return List.copyOf(ids);
            }

            @Override
            public List<Finding> apply(CheckContext context) {
                List<Finding> findings = new ArrayList<>();
                for (CheckRule group : from) {
                    group.apply(context).stream().filter(f -> wanted.contains(f.rule())).forEach(findings::add);
                }
                return findings;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}

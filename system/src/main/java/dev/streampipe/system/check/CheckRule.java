package dev.streampipe.system.check;

import java.util.List;

/**
 * A group of related {@link RuleId}s applied to one template. Implementations never throw for a bad template
 * (input validation happened in {@link TemplateInput}); they read it only.
 */
public interface CheckRule {

    /** The rule ids this can report. */
    List<RuleId> rules();

    /** Every finding, in template order. */
    List<CheckFinding> apply(CheckContext context);
}

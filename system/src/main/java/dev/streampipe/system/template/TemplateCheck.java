package dev.streampipe.system.template;

import java.util.List;

/**
 * A static check of a parsed template.
 *
 * <p>Implementations never throw for a broken template: they report every problem as a {@link Finding}
 * (an empty list means the invariant holds). They read the template only; they never call AWS.
 */
public interface TemplateCheck {

    /** Stable name used in findings and test names. */
    String name();

    /** Returns every violation of this check's invariant, in template order. */
    List<Finding> check(CfnTemplate template);
}

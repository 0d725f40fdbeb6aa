package dev.streampipe.check.internal;

import dev.streampipe.check.Finding;
import java.util.List;

/**
 * A {@link CheckRule} that reads the template alone, never the config: the project's template invariants
 * (references, handlers, IAM wildcards, encryption, names from parameters). It says what it finds on a template;
 * applying it in a context checks the context's template.
 */
public interface TemplateRule extends CheckRule {

    /** Every finding on {@code template}, in template order. */
    @Override
    List<Finding> check(CfnTemplate template);

    @Override
    default List<Finding> apply(CheckContext context) {
        return check(context.template());
    }
}

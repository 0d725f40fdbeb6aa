package dev.streampipe.system.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The full set of template checks, and running them. */
public final class TemplateChecks {

    private TemplateChecks() {
    }

    /**
     * Every check, in a stable order.
     *
     * @param projectRoot folder with the template, the root POM and the function modules
     */
    public static List<TemplateCheck> all(Path projectRoot) {
        return List.of(new ReferenceCheck(), new HandlerCheck(projectRoot), new StreamReaderCheck(),
                new WildcardPolicyCheck(), new EncryptionCheck(), new AlarmCheck(), new NamingCheck());
    }

    /** Runs the checks and concatenates their findings. */
    public static List<Finding> run(CfnTemplate template, List<TemplateCheck> checks) {
        List<Finding> findings = new ArrayList<>();
        for (TemplateCheck check : checks) {
            findings.addAll(check.check(template));
        }
        return findings;
    }
}

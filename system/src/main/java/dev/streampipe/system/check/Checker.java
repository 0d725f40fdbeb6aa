package dev.streampipe.system.check;

import dev.streampipe.system.template.CfnTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs every {@link CheckRule} on a template, in a fixed order. */
public final class Checker {
    private static final List<CheckRule> RULES = List.of(new StreamReaderRules(), new MappingRules(),
            new WriterRules(), new AlarmRules());

    private Checker() {
    }

    /** The rule groups, in the order they run. */
    public static List<CheckRule> rules() {
        return RULES;
    }

    /** Checks a parsed template. */
    public static CheckReport check(String templateName, CfnTemplate template, CheckConfig config) {
        CheckContext context = new CheckContext(template, config);
        List<CheckFinding> findings = new ArrayList<>();
        for (CheckRule rule : RULES) {
            findings.addAll(rule.apply(context));
        }
        return new CheckReport(templateName, context.consumers(), findings);
    }

    /**
     * Reads and checks a template file.
     *
     * @throws CheckInputException if the file is not a readable, valid template
     */
    public static CheckReport check(Path template, CheckConfig config) {
        return check(template.toString().replace('\\', '/'), TemplateInput.read(template), config);
    }
}

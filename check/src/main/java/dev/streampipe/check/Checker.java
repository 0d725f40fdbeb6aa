package dev.streampipe.check;

import dev.streampipe.check.internal.AlarmRules;
import dev.streampipe.check.internal.CfnTemplate;
import dev.streampipe.check.internal.CheckContext;
import dev.streampipe.check.internal.CheckRule;
import dev.streampipe.check.internal.MappingRules;
import dev.streampipe.check.internal.StreamReaderRules;
import dev.streampipe.check.internal.TemplateInput;
import dev.streampipe.check.internal.WriterRules;
import java.nio.file.Path;

/**
 * Runs {@code check} from Java: every {@link RuleId.Scope#CHECK} rule on a template, in a fixed order, giving the
 * same {@link CheckReport} the command line renders. A test of a user's own template can call
 * {@link #check(Path, CheckConfig)} and assert on {@link CheckReport#findings()}.
 */
public final class Checker {
    private static final CheckRule RULES = CheckRule.selecting("check", RuleId.of(RuleId.Scope.CHECK),
            new StreamReaderRules(), new MappingRules(), new WriterRules(), new AlarmRules());

    private Checker() {
    }

    /** Checks a parsed template. */
    static CheckReport check(String templateName, CfnTemplate template, CheckConfig config) {
        CheckContext context = new CheckContext(template, config);
        return new CheckReport(templateName, context.readers(), RULES.apply(context));
    }

    /**
     * Checks template text (YAML or JSON).
     *
     * @param templateName what reports call the template
     * @throws CheckInputException if the text is not a valid template
     */
    public static CheckReport check(String templateName, String text, CheckConfig config) {
        return check(templateName, TemplateInput.parse(templateName, text), config);
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

package dev.streampipe.check.internal;

import dev.streampipe.check.Finding;
import dev.streampipe.check.RuleId;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's template invariants, and running them. Each is a {@link CheckRule}; two are views of rules
 * {@code check} shares ({@link #streamReaders()}, {@link #alarms()}), so both decide those questions in one place.
 */
public final class TemplateChecks {

    private TemplateChecks() {
    }

    /**
     * Every check, in a stable order.
     *
     * @param projectRoot folder with the template, the root POM and the function modules
     */
    public static List<CheckRule> all(Path projectRoot) {
        return List.of(new ReferenceCheck(), new HandlerCheck(projectRoot), streamReaders(),
                new WildcardPolicyCheck(), new EncryptionCheck(), alarms(), new NamingCheck());
    }

    /**
     * {@code stream-readers}: stream mappings report partial batch failures, and no stream has more than
     * {@value StreamReaderRules#MAX_READERS} readers ({@code check}'s {@link RuleId#STREAM_READERS_OVER_LIMIT} and
     * {@link RuleId#MAPPING_WITHOUT_REPORT_BATCH_ITEM_FAILURES}, with the default config).
     */
    public static CheckRule streamReaders() {
        return CheckRule.selecting("stream-readers", List.of(RuleId.STREAM_READERS_OVER_LIMIT,
                RuleId.MAPPING_WITHOUT_REPORT_BATCH_ITEM_FAILURES), new MappingRules(), new StreamReaderRules());
    }

    /** {@code alarms}: every failure is watched by an alarm that notifies an encrypted topic ({@link AlarmRules}). */
    public static CheckRule alarms() {
        return CheckRule.selecting("alarms", List.of(RuleId.ALARMS), new AlarmRules());
    }

    /** Runs the checks and concatenates their findings. */
    public static List<Finding> run(CfnTemplate template, List<CheckRule> checks) {
        List<Finding> findings = new ArrayList<>();
        for (CheckRule check : checks) {
            findings.addAll(check.check(template));
        }
        return findings;
    }
}

package dev.streampipe.system.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.streampipe.check.Finding;
import dev.streampipe.check.StreamReader;
import dev.streampipe.check.internal.AlarmRules;
import dev.streampipe.check.internal.CfnTemplate;
import dev.streampipe.check.internal.CheckRule;
import dev.streampipe.check.internal.EncryptionCheck;
import dev.streampipe.check.internal.HandlerCheck;
import dev.streampipe.check.internal.NamingCheck;
import dev.streampipe.check.internal.PolicyStatements;
import dev.streampipe.check.internal.ReferenceCheck;
import dev.streampipe.check.internal.StreamReaders;
import dev.streampipe.check.internal.TemplateChecks;
import dev.streampipe.check.internal.WildcardPolicyCheck;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The project's template.yaml against every generic check (each check is shown able to fail in its own test). */
class TemplateInvariantsTest {
    private static CfnTemplate template;

    @BeforeAll
    static void readTemplate() {
        template = ProjectFiles.template();
    }

    @Test
    void shouldResolveEveryReferenceWhenTemplateIsRead() {
        assertThat(new ReferenceCheck().check(template)).isEmpty();
    }

    /**
     * Fails until router-function and summary-function provide their handler classes (written in parallel);
     * the finding names the exact source file expected.
     */
    @Test
    void shouldFindEachHandlerClassInItsCodeUriModuleWhenProjectIsBuilt() {
        List<Finding> findings = new HandlerCheck(ProjectFiles.root()).check(template);

        assertThat(findings).as("each function's CodeUri module must contain its Handler class and method").isEmpty();
    }

    @Test
    void shouldReportItemFailuresAndStayWithinTwoReadersWhenStreamIsMapped() {
        assertThat(TemplateChecks.streamReaders().check(template)).isEmpty();
        assertThat(StreamReaders.of(template))
                .as("exactly the router mapping and the hot-key monitor read the session stream")
                .extracting(StreamReader::stream, StreamReader::id)
                .containsExactly(tuple("SessionTable", "RouterFunction.SessionStream"),
                        tuple("SessionTable", "MonitorService"));
    }

    @Test
    void shouldUseWildcardsOnlyInCommentedExceptionsWhenPoliciesAreDeclared() {
        assertThat(new WildcardPolicyCheck().check(template)).isEmpty();
        assertThat(PolicyStatements.of(template)).extracting(PolicyStatements.Located::sid)
                .filteredOn(sid -> sid.endsWith(WildcardPolicyCheck.EXCEPTION_SUFFIX))
                .containsExactlyInAnyOrder("AccountAdministrationRequiresWildcard", "CloudWatchAlarmsRequiresWildcard",
                        "ListStreamsRequiresWildcard", "EcrLoginRequiresWildcard", "ListStreamsRequiresWildcard",
                        "PublishMetricsRequiresWildcard");
    }

    @Test
    void shouldEncryptTopicsQueuesBucketTablesAndDeliveryStreamWhenDeclared() {
        assertThat(new EncryptionCheck().check(template)).isEmpty();
        assertThat(template.resourcesOfType("AWS::SQS::Queue")).hasSize(12);
        assertThat(template.resourcesOfType("AWS::SNS::Topic")).hasSize(2);
    }

    @Test
    void shouldWatchIteratorAgeHotKeysAndEveryDeadLetterQueueWhenAlarmsAreDeclared() {
        assertThat(TemplateChecks.alarms().check(template)).isEmpty();
        assertThat(AlarmRules.deadLetterQueues(template)).containsExactlyInAnyOrder("PoisonRecordQueue",
                "OnFailureQueue", "AgentDashboardDeadLetterQueue", "CustomerNotificationsDeadLetterQueue",
                "EscalationsDeadLetterQueue",
                "SessionStatusDeadLetterQueue", "HandoffWindowsDeadLetterQueue");
    }

    @Test
    void shouldTakeEveryResourceNameFromParametersWhenNamed() {
        assertThat(new NamingCheck().check(template)).isEmpty();
    }

    @Test
    void shouldRunAllChecksWhenAskedForTheFullSet() {
        assertThat(TemplateChecks.all(ProjectFiles.root())).extracting(CheckRule::name).containsExactly(
                "references", "handlers", "stream-readers", "iam-wildcards", "encryption", "alarms",
                "names-from-parameters");
    }
}

package dev.streampipe.check;

import static dev.streampipe.check.Templates.CLEAN;
import static dev.streampipe.check.Templates.findings;
import static dev.streampipe.check.Templates.variant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A setting {@code check} judges, set to a value Lambda or Pipes rejects, is a finding about it, never its absence. */
class MappingSettingTest {
    private static final String RETRIES = "MaximumRetryAttempts: !Ref Retries";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "MaximumRetryAttempts: ten|MaximumRetryAttempts is 'ten': not a whole number in -1..10000",
        "MaximumRetryAttempts: 12345678901234567890"
                + "|MaximumRetryAttempts is '12345678901234567890': not a whole number in -1..10000",
        "MaximumRetryAttempts: -5|MaximumRetryAttempts is '-5': not a whole number in -1..10000",
        "MaximumRetryAttempts: 10001|MaximumRetryAttempts is '10001': not a whole number in -1..10000",
        "MaximumRetryAttempts: 2.5|MaximumRetryAttempts is '2.5': not a whole number in -1..10000",
        "MaximumRetryAttempts: .nan|MaximumRetryAttempts is 'NaN': not a whole number in -1..10000",
        "MaximumRetryAttempts: [1]|MaximumRetryAttempts is a list: not a whole number in -1..10000",
        "MaximumRetryAttempts: {Ref: [Retries]}|MaximumRetryAttempts is a map: not a whole number in -1..10000",
        "MaximumRetryAttempts:|MaximumRetryAttempts is null: not a whole number in -1..10000",
        "BisectBatchOnFunctionError: maybe|BisectBatchOnFunctionError is 'maybe': not true or false",
        "MaximumRecordAgeInSeconds: 30|MaximumRecordAgeInSeconds is '30': not -1 or a whole number in 60..604800",
        "MaximumRecordAgeInSeconds: 604801"
                + "|MaximumRecordAgeInSeconds is '604801': not -1 or a whole number in 60..604800",
        "BatchSize: 0|BatchSize is '0': not a whole number in 1..10000",
        "ParallelizationFactor: 11|ParallelizationFactor is '11': not a whole number in 1..10",
        "TumblingWindowInSeconds: 901|TumblingWindowInSeconds is '901': not a whole number in 0..900",
        "MaximumBatchingWindowInSeconds: -1|MaximumBatchingWindowInSeconds is '-1': not a whole number in 0..300",
        "MaximumRetryAttempts: !Sub '${Retries}0000'|MaximumRetryAttempts is '100000' "
                + "(as {\"Fn::Sub\":\"${Retries}0000\"} renders): not a whole number in -1..10000"
    })
    void shouldReportInvalidValueAsHighFindingAboutTheSetting(String line, String problem) {
        // GIVEN the clean mapping with its bisect and retries settings replaced by one setting Lambda rejects
        String broken = variant(CLEAN, "BisectBatchOnFunctionError: true\n            " + RETRIES, line);

        // WHEN
        List<Finding> findings = findings(broken, RuleId.MAPPING_INVALID_SETTING);

        // THEN
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.resources()).containsExactly("Router.Changes");
            assertThat(f.message()).isEqualTo("stream mapping Router.Changes: " + problem
                    + "; Lambda will reject the template");
            assertThat(f.fix()).startsWith("set " + problem.substring(0, problem.indexOf(' ')) + " to ");
        });
    }

    @Test
    void shouldJudgeParameterDefaultAndNameIt() {
        String broken = variant(CLEAN, "Default: 10", "Default: ten");

        assertThat(findings(broken, RuleId.MAPPING_INVALID_SETTING)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains(
                        "MaximumRetryAttempts is 'ten' (the default of parameter Retries): not a whole number"));
        assertThat(findings(CLEAN, RuleId.MAPPING_INVALID_SETTING)).isEmpty();
    }

    @Test
    void shouldNotReadInvalidValueAsAbsence() {
        // GIVEN retries 'ten' and no record age: read as absent (-1), the unbounded-retries rule would fire; and
        // bisect 'maybe': read as absent, the without-bisect rule would fire
        String broken = variant(variant(CLEAN, RETRIES, "MaximumRetryAttempts: ten"),
                "BisectBatchOnFunctionError: true", "BisectBatchOnFunctionError: maybe");

        // WHEN
        CheckReport report = Templates.check(broken);

        // THEN only the findings about the invalid values
        assertThat(report.findings()).extracting(f -> f.rule().id(), Finding::message).containsExactly(
                tuple("mapping-invalid-setting", "stream mapping Router.Changes: "
                        + "BisectBatchOnFunctionError is 'maybe': not true or false; Lambda will reject the template"),
                tuple("mapping-invalid-setting", "stream mapping Router.Changes: "
                        + "MaximumRetryAttempts is 'ten': not a whole number in -1..10000; Lambda will reject the template"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MaximumRetryAttempts: -1\n            MaximumRecordAgeInSeconds: 60",
        "MaximumRetryAttempts: 10000\n            MaximumRecordAgeInSeconds: 604800",
        "MaximumRetryAttempts: '0'\n            MaximumRecordAgeInSeconds: -1",
        "MaximumRetryAttempts: 3\n            BatchSize: 10000\n            ParallelizationFactor: 1",
        "MaximumRetryAttempts: 3\n            BatchSize: 1\n            TumblingWindowInSeconds: 900",
        "MaximumRetryAttempts: 3\n            MaximumBatchingWindowInSeconds: 300\n            TumblingWindowInSeconds: 0",
        "MaximumRetryAttempts: !If [Never, ten, 3]",
        "MaximumRetryAttempts: !FindInMap [Limits, Retries, Value]",
        "MaximumRetryAttempts: !Ref NoDefault"})
    void shouldAcceptBoundaryValuesAndLeaveUnresolvedIntrinsicsUnjudged(String lines) {
        // GIVEN valid values at the edges of their ranges, or values only known at deploy time
        String template = variant(CLEAN, RETRIES, lines) + "Conditions:\n  Never: !Equals [a, b]\n";
        template = variant(template, "Parameters:\n", "Parameters:\n  NoDefault:\n    Type: Number\n");

        // WHEN / THEN
        assertThat(findings(template, RuleId.MAPPING_INVALID_SETTING)).isEmpty();
        assertThat(findings(variant(template, "Destination: !GetAtt Dlq.Arn", "Destination: queue"),
                RuleId.MAPPING_INVALID_SETTING)).hasSize(1);
    }

    @Test
    void shouldReportInvalidDestinationsAndPipeSettings() {
        // GIVEN a mapping whose destination is a number, and a pipe with an unknown bisect mode and a list for
        // its dead-letter ARN
        String template = variant(Templates.withResources("""
                  Audit:
                    Type: AWS::Pipes::Pipe
                    Properties:
                      Source: !GetAtt Table.StreamArn
                      Target: !GetAtt Dlq.Arn
                      SourceParameters:
                        DynamoDBStreamParameters:
                          StartingPosition: LATEST
                          MaximumRetryAttempts: 3
                          OnPartialBatchItemFailure: SPLIT
                          DeadLetterConfig: {Arn: [!GetAtt Dlq.Arn]}
                """), "Destination: !GetAtt Dlq.Arn", "Destination: 5");

        // WHEN
        List<Finding> findings = findings(template, RuleId.MAPPING_INVALID_SETTING);

        // THEN
        assertThat(findings).extracting(Finding::message).containsExactly(
                "pipe Audit: DeadLetterConfig.Arn is a list: not an ARN (arn:...); EventBridge Pipes will reject the "
                        + "template",
                "pipe Audit: OnPartialBatchItemFailure is 'SPLIT': not AUTOMATIC_BISECT; EventBridge Pipes will "
                        + "reject the template",
                "stream mapping Router.Changes: DestinationConfig.OnFailure.Destination is '5': not an ARN "
                        + "(arn:...); Lambda will reject the template");
    }
}

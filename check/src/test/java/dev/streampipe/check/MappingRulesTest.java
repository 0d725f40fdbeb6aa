package dev.streampipe.check;

import static dev.streampipe.check.Templates.CLEAN;
import static dev.streampipe.check.Templates.findings;
import static dev.streampipe.check.Templates.variant;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MappingRulesTest {

    @Test
    void shouldFindNothingWhenMappingHasEverySafeguard() {
        // GIVEN one mapping with partial batch responses, destination, bounded retries, bisect and an alarm
        // WHEN
        CheckReport report = Templates.check(CLEAN);

        // THEN
        assertThat(report.findings()).isEmpty();
        assertThat(report.readers()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("Router.Changes");
            assertThat(c.source().key()).isEqualTo("Table");
        });
    }

    @Test
    void shouldReportHighWhenMappingLacksReportBatchItemFailures() {
        // GIVEN
        String broken = variant(CLEAN, "FunctionResponseTypes: [ReportBatchItemFailures]", "BatchSize: 100");

        // WHEN
        List<Finding> findings = findings(broken, RuleId.MAPPING_WITHOUT_REPORT_BATCH_ITEM_FAILURES);

        // THEN the broken one fires, its fixed twin (CLEAN) does not
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.resources()).containsExactly("Router.Changes");
            assertThat(f.message()).contains("was absent");
        });
        assertThat(findings(CLEAN, RuleId.MAPPING_WITHOUT_REPORT_BATCH_ITEM_FAILURES)).isEmpty();
    }

    @Test
    void shouldReportHighWhenMappingHasNoOnFailureDestination() {
        String broken = variant(CLEAN, """
                            DestinationConfig:
                              OnFailure:
                                Destination: !GetAtt Dlq.Arn
                """, "");

        assertThat(findings(broken, RuleId.MAPPING_WITHOUT_ON_FAILURE_DESTINATION)).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.HIGH));
        assertThat(findings(CLEAN, RuleId.MAPPING_WITHOUT_ON_FAILURE_DESTINATION)).isEmpty();
    }

    @Test
    void shouldReportHighWhenRetriesAreUnboundedAndRecordAgeIsNot() {
        // GIVEN the parameter's default is -1 (as if MaximumRetryAttempts were absent) and no record age
        String broken = variant(CLEAN, "Default: 10", "Default: -1");
        String fixed = variant(broken, "BisectBatchOnFunctionError: true",
                "BisectBatchOnFunctionError: true\n            MaximumRecordAgeInSeconds: 3600");

        assertThat(findings(broken, RuleId.MAPPING_UNBOUNDED_RETRIES)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("MaximumRetryAttempts {\"Ref\":\"Retries\"}"));
        assertThat(findings(fixed, RuleId.MAPPING_UNBOUNDED_RETRIES)).isEmpty();
    }

    @Test
    void shouldNotJudgeRetriesWhenParameterHasNoDefault() {
        String unknown = variant(CLEAN, "    Default: 10\n", "");

        assertThat(findings(unknown, RuleId.MAPPING_UNBOUNDED_RETRIES)).isEmpty();
    }

    @Test
    void shouldReportLowWhenBisectIsOff() {
        String broken = variant(CLEAN, "BisectBatchOnFunctionError: true", "BisectBatchOnFunctionError: false");

        assertThat(findings(broken, RuleId.MAPPING_WITHOUT_BISECT)).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.LOW));
        assertThat(findings(CLEAN, RuleId.MAPPING_WITHOUT_BISECT)).isEmpty();
    }

    @Test
    void shouldReportInfoWhenParallelizedHandlerIsNotKnownToKeepOrder() {
        String parallel = variant(CLEAN, "BisectBatchOnFunctionError: true",
                "BisectBatchOnFunctionError: true\n            ParallelizationFactor: 4");
        CheckConfig ordered = new CheckConfig(5, Map.of(), List.of(), Set.of("Router"));

        assertThat(findings(parallel, RuleId.MAPPING_PARALLELIZATION_UNORDERED)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.message()).contains("ParallelizationFactor 4");
        });
        assertThat(findings(parallel, ordered, RuleId.MAPPING_PARALLELIZATION_UNORDERED)).isEmpty();
    }

    @Test
    void shouldJudgePipeByItsDynamoDbStreamParameters() {
        // GIVEN a pipe with no dead-letter config, unbounded retries and no bisect
        String pipe = Templates.withResources("""
                  Audit:
                    Type: AWS::Pipes::Pipe
                    Properties:
                      Source: !GetAtt Table.StreamArn
                      Target: !GetAtt Dlq.Arn
                      SourceParameters:
                        DynamoDBStreamParameters:
                          StartingPosition: LATEST
                """);
        String fixed = variant(pipe, "StartingPosition: LATEST", """
                StartingPosition: LATEST
                          MaximumRetryAttempts: 3
                          OnPartialBatchItemFailure: AUTOMATIC_BISECT
                          DeadLetterConfig:
                            Arn: !GetAtt Dlq.Arn""");

        // WHEN / THEN
        assertThat(Templates.check(pipe).findings()).extracting(f -> f.rule())
                .containsExactly(RuleId.MAPPING_WITHOUT_ON_FAILURE_DESTINATION, RuleId.MAPPING_UNBOUNDED_RETRIES,
                        RuleId.MAPPING_WITHOUT_BISECT);
        assertThat(Templates.check(fixed).findings()).isEmpty();
    }
}

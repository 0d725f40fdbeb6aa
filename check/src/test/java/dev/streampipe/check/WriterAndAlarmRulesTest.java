package dev.streampipe.check;

import static dev.streampipe.check.Templates.CLEAN;
import static dev.streampipe.check.Templates.findings;
import static dev.streampipe.check.Templates.variant;
import static dev.streampipe.check.Templates.withResources;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WriterAndAlarmRulesTest {

    private static String writers(int count) {
        StringBuilder extra = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            extra.append("""
                      Writer%d:
                        Type: AWS::Serverless::Function
                        Properties:
                          Policies:
                            - DynamoDBCrudPolicy:
                                TableName: !Ref Table
                    """.formatted(i));
        }
        return withResources(extra.toString());
    }

    @Test
    void shouldReportMediumWhenFiveFunctionsMayWriteOneTable() {
        // GIVEN five SAM policy-template writers / WHEN
        List<Finding> findings = findings(writers(5), RuleId.TABLE_WRITERS_OVER_THRESHOLD);

        // THEN the reference's threshold fires at five; four stay quiet
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.resources()).containsExactly("Table", "Writer1", "Writer2", "Writer3", "Writer4", "Writer5");
        });
        assertThat(findings(writers(4), RuleId.TABLE_WRITERS_OVER_THRESHOLD)).isEmpty();
    }

    @Test
    void shouldUsePerTableOverrideWhenConfigRaisesIt() {
        CheckConfig byName = new CheckConfig(5, Map.of("orders", 6), List.of(), Set.of());

        assertThat(findings(writers(5), byName, RuleId.TABLE_WRITERS_OVER_THRESHOLD)).isEmpty();
        assertThat(findings(writers(6), byName, RuleId.TABLE_WRITERS_OVER_THRESHOLD)).hasSize(1);
    }

    @Test
    void shouldCountRoleWritersThroughAttachedPoliciesAndWildcards() {
        // GIVEN one role given write by an attached AWS::IAM::Policy, used by two functions, and a task role with
        // dynamodb:* on table/*
        String roles = withResources("""
                  Shared:
                    Type: AWS::IAM::Role
                  SharedWrites:
                    Type: AWS::IAM::Policy
                    Properties:
                      Roles: [!Ref Shared]
                      PolicyDocument:
                        Statement:
                          - Effect: Allow
                            Action: [dynamodb:UpdateItem]
                            Resource: !GetAtt Table.Arn
                  One:
                    Type: AWS::Serverless::Function
                    Properties: {Role: !GetAtt Shared.Arn}
                  Two:
                    Type: AWS::Serverless::Function
                    Properties: {Role: !GetAtt Shared.Arn}
                  TaskRole:
                    Type: AWS::IAM::Role
                    Properties:
                      Policies:
                        - PolicyName: all
                          PolicyDocument:
                            Statement:
                              - Effect: Allow
                                Action: dynamodb:*
                                Resource: !Sub "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*"
                  Reader:
                    Type: AWS::Serverless::Function
                    Properties:
                      Policies:
                        - DynamoDBReadPolicy: {TableName: !Ref Table}
                """);
        CheckConfig three = new CheckConfig(3, Map.of(), List.of(), Set.of());

        assertThat(findings(roles, three, RuleId.TABLE_WRITERS_OVER_THRESHOLD)).singleElement()
                .satisfies(f -> assertThat(f.resources()).containsExactly("Table", "One", "Two", "TaskRole"));
    }

    @Test
    void shouldReportMediumWhenStreamFunctionHasNoIteratorAgeAlarm() {
        String noAlarm = variant(CLEAN, "MetricName: IteratorAge", "MetricName: Errors");

        assertThat(findings(noAlarm, RuleId.FUNCTION_WITHOUT_ITERATOR_AGE_ALARM)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.resources()).containsExactly("Router");
        });
        assertThat(findings(CLEAN, RuleId.FUNCTION_WITHOUT_ITERATOR_AGE_ALARM)).isEmpty();
    }

    @Test
    void shouldReportMediumWhenAsyncTargetHasNoFailureDestination() {
        String async = withResources("""
                  Summary:
                    Type: AWS::Serverless::Function
                    Properties:
                      EventInvokeConfig:
                        MaximumRetryAttempts: 2
                  SummaryAsync:
                    Type: AWS::Lambda::EventInvokeConfig
                    Properties:
                      FunctionName: !Ref Router
                      Qualifier: $LATEST
                """);
        String fixed = variant(variant(async, "MaximumRetryAttempts: 2", """
                MaximumRetryAttempts: 2
                        DestinationConfig:
                          OnFailure:
                            Type: SQS"""), "Qualifier: $LATEST", """
                Qualifier: $LATEST
                      DestinationConfig:
                        OnFailure:
                          Destination: !GetAtt Dlq.Arn""");

        assertThat(findings(async, RuleId.ASYNC_WITHOUT_FAILURE_DESTINATION)).extracting(Finding::resources)
                .containsExactly(List.of("Summary"), List.of("SummaryAsync", "Router"));
        assertThat(findings(fixed, RuleId.ASYNC_WITHOUT_FAILURE_DESTINATION)).isEmpty();
    }
}

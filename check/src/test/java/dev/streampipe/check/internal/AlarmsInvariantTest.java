package dev.streampipe.check.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.check.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code alarms} template invariant ({@link TemplateChecks#alarms()}, the invariant part of {@link AlarmRules}). */
class AlarmsInvariantTest {
    private static final String VALID = """
            Parameters:
              Namespace:
                Type: String
                Default: app/HotKeys
              MaxAgeMs:
                Type: Number
                Default: 60000
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  KmsMasterKeyId: alias/topics
              Dlq:
                Type: AWS::SQS::Queue
              Work:
                Type: AWS::SQS::Queue
                Properties:
                  RedrivePolicy:
                    deadLetterTargetArn: !GetAtt Dlq.Arn
                    maxReceiveCount: 3
              Router:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    Changes:
                      Type: DynamoDB
                      Properties:
                        Stream: !GetAtt Table.StreamArn
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: monitor
                      Environment:
                        - Name: STREAM_ARN
                          Value: !GetAtt Table.StreamArn
                        - Name: METRIC_NAMESPACE
                          Value: !Ref Namespace
              Monitor:
                Type: AWS::ECS::Service
                Properties:
                  TaskDefinition: !Ref Task
              AgeAlarm:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: AWS/Lambda
                  MetricName: IteratorAge
                  Dimensions:
                    - Name: FunctionName
                      Value: !Ref Router
                  Statistic: Maximum
                  Threshold: !Ref MaxAgeMs
                  ComparisonOperator: GreaterThanThreshold
                  AlarmActions: [!Ref Topic]
              HotKeyAlarm:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: !Ref Namespace
                  MetricName: HotKeyCount
                  Dimensions:
                    - Name: TableName
                      Value: !Ref Table
                  Statistic: Maximum
                  Threshold: 0
                  ComparisonOperator: GreaterThanThreshold
                  AlarmActions: [!Ref Topic]
              DlqAlarm:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: AWS/SQS
                  MetricName: ApproximateNumberOfMessagesVisible
                  Dimensions:
                    - Name: QueueName
                      Value: !GetAtt Dlq.QueueName
                  Statistic: Maximum
                  Threshold: 0
                  ComparisonOperator: GreaterThanThreshold
                  AlarmActions: [!Ref Topic]
            """;

    private final CheckRule check = TemplateChecks.alarms();

    @Test
    void shouldFindNothingWhenEveryFailureIsWatched() {
        assertThat(check.check(CfnTemplate.parse(VALID))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            iterator age threshold too high | Default: 60000                    | Default: 120000                   | no IteratorAge alarm
            iterator age averaged           | Statistic: Maximum\\n      Threshold: !Ref MaxAgeMs | Statistic: Average\\n      Threshold: !Ref MaxAgeMs | no IteratorAge alarm
            iterator age on other function  | Value: !Ref Router                | Value: other-function             | no IteratorAge alarm
            hot keys in another namespace   | Namespace: !Ref Namespace\\n      MetricName: HotKeyCount | Namespace: other\\n      MetricName: HotKeyCount | no HotKeyCount alarm for table Table
            hot keys on another table       | Value: !Ref Table                 | Value: other-table                | no HotKeyCount alarm for table Table
            dlq alarm on wrong queue        | Value: !GetAtt Dlq.QueueName      | Value: !GetAtt Work.QueueName     | no depth alarm for dead-letter queue Dlq
            dlq alarm wrong metric          | MetricName: ApproximateNumberOfMessagesVisible | MetricName: NumberOfMessagesSent | no depth alarm for dead-letter queue Dlq
            alarm without actions           | AlarmActions: [!Ref Topic]\\n  DlqAlarm: | OKActions: [!Ref Topic]\\n  DlqAlarm: | notifies nobody
            unencrypted alarm topic         | KmsMasterKeyId: alias/topics      | DisplayName: alerts               | alarm topic Topic is not encrypted
            """)
    void shouldReportWhenFailureIsNotWatched(String description, String from, String to, String expected) {
        // GIVEN a valid template broken in one place / WHEN
        var findings = check.check(Broken.variant(VALID, from.replace("\\n", "\n"), to.replace("\\n", "\n")));

        // THEN
        assertThat(findings).as(description).isNotEmpty().anySatisfy(f -> assertThat(f.message()).contains(expected));
    }

    @Test
    void shouldTreatOnFailureDestinationAndDeadLetterEnvironmentAsDeadLetterQueues() {
        // GIVEN a stream mapping's on-failure queue and a queue handed to code as DEAD_LETTER_QUEUE_URL
        CfnTemplate template = Broken.variant(VALID, "  Task:\n", """
                  Failed:
                    Type: AWS::SQS::Queue
                  Poison:
                    Type: AWS::SQS::Queue
                  Mapping:
                    Type: AWS::Lambda::EventSourceMapping
                    Properties:
                      EventSourceArn: arn:aws:kinesis:eu-west-1:123456789012:stream/s
                      DestinationConfig:
                        OnFailure:
                          Destination: !GetAtt Failed.Arn
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Environment:
                        Variables:
                          DEAD_LETTER_QUEUE_URL: !Ref Poison
                  Task:
                """);

        // WHEN
        var findings = check.check(template);

        // THEN
        assertThat(AlarmRules.deadLetterQueues(template)).containsExactlyInAnyOrder("Dlq", "Failed", "Poison");
        assertThat(findings).extracting(Finding::location)
                .containsExactlyInAnyOrder("Resources.Failed", "Resources.Poison");
    }
}

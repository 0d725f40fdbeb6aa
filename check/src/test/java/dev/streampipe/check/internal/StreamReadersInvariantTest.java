package dev.streampipe.check.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.check.Finding;
import dev.streampipe.check.StreamReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code stream-readers} template invariant ({@link TemplateChecks#streamReaders()}: two of check's rules). */
class StreamReadersInvariantTest {
    private static final String TWO_READERS = """
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
              Router:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    Changes:
                      Type: DynamoDB
                      Properties:
                        Stream: !GetAtt Table.StreamArn
                        FunctionResponseTypes: [ReportBatchItemFailures]
                    Queue:
                      Type: SQS
                      Properties:
                        Queue: arn:aws:sqs:eu-west-1:123456789012:q
              MonitorTask:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: monitor
                      Environment:
                        - Name: STREAM_ARN
                          Value: !GetAtt Table.StreamArn
              Monitor:
                Type: AWS::ECS::Service
                Properties:
                  TaskDefinition: !Ref MonitorTask
                  DesiredCount: 3
            """;

    private final CheckRule check = TemplateChecks.streamReaders();

    @Test
    void shouldFindNothingWhenTwoReadersReportItemFailures() {
        // GIVEN a mapping and a three-task KCL service on one stream / WHEN
        List<Finding> findings = check.check(CfnTemplate.parse(TWO_READERS));

        // THEN
        assertThat(findings).isEmpty();
        assertThat(StreamReaders.of(CfnTemplate.parse(TWO_READERS)))
                .extracting(StreamReader::id).containsExactly("Router.Changes", "Monitor");
    }

    @Test
    void shouldReportWhenMappingLacksReportBatchItemFailures() {
        List<Finding> findings = check.check(Broken.variant(TWO_READERS,
                "FunctionResponseTypes: [ReportBatchItemFailures]", "BatchSize: 100"));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("Resources.Router.Changes");
            assertThat(f.message()).contains("ReportBatchItemFailures");
        });
    }

    @Test
    void shouldReportWhenPipeAddsThirdReader() {
        List<Finding> findings = check.check(Broken.variant(TWO_READERS, "  MonitorTask:\n", """
                  Pipe:
                    Type: AWS::Pipes::Pipe
                    Properties:
                      Source: !GetAtt Table.StreamArn
                  MonitorTask:
                """));

        assertThat(findings).singleElement().satisfies(f ->
                assertThat(f.message()).contains("has 3 readers [Router.Changes, Pipe, Monitor]"));
    }

    @Test
    void shouldReportBothProblemsWhenPlainMappingIsAdded() {
        List<Finding> findings = check.check(Broken.variant(TWO_READERS, "  MonitorTask:\n", """
                  Extra:
                    Type: AWS::Lambda::EventSourceMapping
                    Properties:
                      EventSourceArn: !GetAtt Table.StreamArn
                      FunctionName: !Ref Router
                  MonitorTask:
                """));

        assertThat(findings).extracting(Finding::message).satisfiesExactlyInAnyOrder(
                m -> assertThat(m).contains("ReportBatchItemFailures"),
                m -> assertThat(m).contains("has 3 readers"));
    }
}

package dev.streampipe.check;

import static dev.streampipe.check.Templates.CLEAN;
import static dev.streampipe.check.Templates.findings;
import static dev.streampipe.check.Templates.withResources;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamReaderRulesTest {
    private static final String KCL_MONITOR = """
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
            """;
    private static final String PIPE = """
              Audit:
                Type: AWS::Pipes::Pipe
                Properties:
                  Source: !GetAtt Table.StreamArn
                  Target: !GetAtt Dlq.Arn
            """;

    @Test
    void shouldReportHighWhenPipeAddsThirdReader() {
        // GIVEN the router, a KCL service and a pipe on one stream
        String three = withResources(KCL_MONITOR + PIPE);

        // WHEN
        List<Finding> findings = findings(three, RuleId.STREAM_READERS_OVER_LIMIT);

        // THEN; the twin without the pipe has two readers and passes
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.resources()).containsExactly("Table", "Router.Changes", "Monitor", "Audit");
            assertThat(f.message()).contains("has 3 readers [Router.Changes, Monitor, Audit]");
        });
        assertThat(findings(withResources(KCL_MONITOR), RuleId.STREAM_READERS_OVER_LIMIT)).isEmpty();
    }

    @Test
    void shouldCountExternalReadersFromConfigWhenTableIsNamedByItsPhysicalName() {
        // GIVEN a KCL app and a pipe in another stack, the app declared by the table's name "orders"
        CheckConfig twoOutside = new CheckConfig(5, Map.of(), List.of(new CheckConfig.ExternalReader("kcl-app", "orders"),
                new CheckConfig.ExternalReader("other-stack-pipe", "Table")), Set.of());
        CheckConfig oneOutside = new CheckConfig(5, Map.of(), List.of(new CheckConfig.ExternalReader("kcl-app", "orders")),
                Set.of());

        // WHEN / THEN
        assertThat(findings(CLEAN, twoOutside, RuleId.STREAM_READERS_OVER_LIMIT)).singleElement()
                .satisfies(f -> assertThat(f.resources()).containsExactly("Table", "Router.Changes", "kcl-app",
                        "other-stack-pipe"));
        assertThat(findings(CLEAN, oneOutside, RuleId.STREAM_READERS_OVER_LIMIT)).isEmpty();
    }

    @Test
    void shouldReportInfoAndCountNothingWhenStreamComesFromAnotherStack() {
        // GIVEN a mapping whose ARN is imported
        String imported = withResources("""
                  Archiver:
                    Type: AWS::Lambda::EventSourceMapping
                    Properties:
                      FunctionName: !Ref Router
                      StartingPosition: LATEST
                      EventSourceArn: !ImportValue orders-stream-arn
                """);
        String fixed = Templates.variant(imported, "!ImportValue orders-stream-arn", "!GetAtt Table.StreamArn");

        // WHEN
        CheckReport report = Templates.check(imported);

        // THEN it is listed as unresolved, not counted on Table
        assertThat(report.findings()).filteredOn(f -> f.rule() == RuleId.STREAM_READER_UNRESOLVED).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.INFO);
                    assertThat(f.message()).contains("unresolved: imported from another stack (orders-stream-arn)");
                });
        assertThat(report.readers()).extracting(c -> c.source().resolved()).containsExactly(true, false);
        assertThat(findings(fixed, RuleId.STREAM_READER_UNRESOLVED)).isEmpty();
    }

    @Test
    void shouldResolveParameterArnsByTheirDefaultAndGroupThoseWithout() {
        // GIVEN one mapping on a parameter whose default names table "orders", three on a parameter without one,
        // one whose ARN takes the table name from a parameter
        String parameters = """
                Parameters:
                  OrdersStream:
                    Type: String
                    Default: arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2024-01-01T00:00:00.000
                  SharedStream:
                    Type: String
                  TableParam:
                    Type: String
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: orders
                  A:
                    Type: AWS::Lambda::EventSourceMapping
                    Properties: {FunctionName: f, StartingPosition: LATEST, EventSourceArn: !Ref OrdersStream}
                  B:
                    Type: AWS::Lambda::EventSourceMapping
                    Properties: {FunctionName: f, StartingPosition: LATEST, EventSourceArn: !Ref SharedStream}
                  C:
                    Type: AWS::Lambda::EventSourceMapping
                    Properties: {FunctionName: g, StartingPosition: LATEST, EventSourceArn: !Ref SharedStream}
                  D:
                    Type: AWS::Lambda::EventSourceMapping
                    Properties:
                      FunctionName: h
                      StartingPosition: LATEST
                      EventSourceArn: !Sub "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${TableParam}/stream/x"
                  E:
                    Type: AWS::Lambda::EventSourceMapping
                    Properties: {FunctionName: h, StartingPosition: LATEST, EventSourceArn: !Ref SharedStream}
                """;

        // WHEN
        CheckReport report = Templates.check(parameters);

        // THEN A resolves to the template's table; B, C and E are unresolved but counted together
        assertThat(report.readers()).extracting(c -> c.source().key()).containsExactly("Table",
                "parameter SharedStream", "parameter SharedStream", "parameter TableParam", "parameter SharedStream");
        assertThat(report.findings()).filteredOn(f -> f.rule() == RuleId.STREAM_READERS_OVER_LIMIT).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("the stream given by parameter SharedStream has 3"));
    }

    @Test
    void shouldReportFanOutWhenTwoFunctionsReadOneStream() {
        String twoFunctions = withResources("""
                  Indexer:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Changes:
                          Type: DynamoDB
                          Properties:
                            Stream: !GetAtt Table.StreamArn
                            StartingPosition: LATEST
                """);

        assertThat(findings(twoFunctions, RuleId.STREAM_FAN_OUT)).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.resources()).containsExactly("Table", "Router", "Indexer");
            assertThat(f.fix()).contains("downstream consumers");
        });
        assertThat(findings(CLEAN, RuleId.STREAM_FAN_OUT)).isEmpty();
    }

    @Test
    void shouldIgnoreKinesisReadersWhenCountingTableStreams() {
        String kinesis = withResources("""
                  Clicks:
                    Type: AWS::Kinesis::Stream
                  ClickReader:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        Clicks:
                          Type: Kinesis
                          Properties:
                            Stream: !GetAtt Clicks.Arn
                            StartingPosition: LATEST
                """);

        assertThat(Templates.check(kinesis).readers()).extracting(StreamReader::id).containsExactly("Router.Changes");
    }
}

package dev.streampipe.check.internal;

import static dev.streampipe.check.Templates.CLEAN;
import static dev.streampipe.check.Templates.variant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.check.CheckInputException;
import dev.streampipe.check.CheckReport;
import dev.streampipe.check.Templates;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A part of the template that {@code check} walks into, in a shape it cannot have, is bad input naming its path. */
class TemplateShapeTest {
    private static final String EVENTS = """
                  Events:
                    Changes:
                      Type: DynamoDB
                      Properties:
            """;

    @Test
    void shouldRejectEventsWrittenAsAListNamingThePath() {
        // GIVEN the probe's case: Events as a list (before: "0 stream readers", exit 0)
        String list = variant(CLEAN, EVENTS, """
                      Events:
                        - Type: DynamoDB
                          Properties:
                """);

        // WHEN / THEN
        assertThatThrownBy(() -> TemplateInput.parse("t.yaml", list)).isInstanceOf(CheckInputException.class)
                .hasMessage("t.yaml is not a valid template: Resources.Router.Properties.Events must be a map, "
                        + "was a list");
        assertThat(Templates.check(CLEAN).readers()).hasSize(1);
    }

    static Stream<Arguments> wrongShapes() {
        String function = """
                  Other:
                    Type: AWS::Serverless::Function
                    Properties:
                      Events:
                        E: {Type: DynamoDB, Properties: %s}
                """;
        return Stream.of(
                Arguments.of("Properties: null", variant(CLEAN, "    Properties:\n      Events:",
                        "    Properties:\n    Other:\n      Events:"), "Resources.Router.Properties must be a map, was null"),
                Arguments.of("an event: null", variant(CLEAN, "        Changes:\n", "        Nothing:\n        Changes:\n"),
                        "Resources.Router.Properties.Events.Nothing must be a map, was null"),
                Arguments.of("event Type: list", variant(CLEAN, "Type: DynamoDB", "Type: [DynamoDB]"),
                        "Resources.Router.Properties.Events.Changes.Type must be a string, was a list"),
                Arguments.of("event Properties: string", Templates.withResources(function.formatted("Stream")),
                        "Resources.Other.Properties.Events.E.Properties must be a map, was a string ('Stream')"),
                Arguments.of("DestinationConfig: list", variant(CLEAN,
                        "              OnFailure:\n                Destination: !GetAtt Dlq.Arn\n", "              - OnFailure\n"),
                        "Resources.Router.Properties.Events.Changes.Properties.DestinationConfig must be a map, was a list"),
                Arguments.of("alarm Dimensions: map", variant(CLEAN, "        - Name: FunctionName",
                        "          Name: FunctionName"),
                        "Resources.RouterIteratorAge.Properties.Dimensions must be a list, was a map"),
                Arguments.of("resource: string", variant(CLEAN, "  Dlq:\n    Type: AWS::SQS::Queue\n", "  Dlq: queue\n"),
                        "Resources.Dlq must be a map, was a string ('queue')"),
                Arguments.of("resource Type: number", variant(CLEAN, "Type: AWS::SQS::Queue", "Type: 5"),
                        "Resources.Dlq.Type must be a string, was a number (5)"),
                Arguments.of("Parameters: list", variant(CLEAN, "  Retries:\n    Type: Number\n    Default: 10",
                        "  - Retries"), "Parameters must be a map, was a list"),
                Arguments.of("a parameter: null", variant(CLEAN, "    Type: Number\n    Default: 10\n", ""),
                        "Parameters.Retries must be a map, was null"),
                Arguments.of("a parameter's Default: list", variant(CLEAN, "Default: 10", "Default: [10]"),
                        "Parameters.Retries.Default must be a string or a number (not an intrinsic function), was a list"),
                Arguments.of("a resource id with a dash", variant(CLEAN, "  Dlq:", "  Dead-Letters:"),
                        "Resources has 'Dead-Letters', not a logical id (CloudFormation's are 1 to 255 letters and "
                                + "digits)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongShapes")
    void shouldRejectWrongShapeNamingItsPath(String what, String broken, String problem) {
        // GIVEN the clean template with one part in a shape check cannot read
        // WHEN / THEN
        assertThatThrownBy(() -> TemplateInput.parse("t.yaml", broken)).as(what).isInstanceOf(CheckInputException.class)
                .hasMessage("t.yaml is not a valid template: " + problem);
    }

    @Test
    void shouldAcceptIntrinsicFunctionsWhereAMapOrListIsExpected() {
        // GIVEN sections chosen at deploy time: an Fn::If where the destination config and the dimensions go
        String conditional = variant(variant(CLEAN, """
                            DestinationConfig:
                              OnFailure:
                                Destination: !GetAtt Dlq.Arn
                """, """
                            DestinationConfig: !If [HasDlq, {OnFailure: {Destination: !GetAtt Dlq.Arn}}, !Ref AWS::NoValue]
                """), """
                      Dimensions:
                        - Name: FunctionName
                          Value: !Ref Router
                """, """
                      Dimensions: !If [HasDlq, [{Name: FunctionName, Value: !Ref Router}], []]
                """) + "Conditions:\n  HasDlq: !Equals [a, a]\n";

        // WHEN
        CheckReport report = Templates.check(conditional);

        // THEN read as today: the destination is not found in the If, the alarm is not matched
        assertThat(report.findings()).extracting(f -> f.rule().id()).containsExactly(
                "mapping-without-on-failure-destination", "function-without-iterator-age-alarm");
    }
}

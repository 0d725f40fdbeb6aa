package dev.streampipe.check.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.check.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceCheckTest {
    private static final String VALID = """
            Parameters:
              Name:
                Type: String
              Flag:
                Type: String
                Default: ""
            Conditions:
              HasFlag: !Not [!Equals [!Ref Flag, ""]]
              FlagAndRegion: !And [!Condition HasFlag, !Equals [!Ref "AWS::Region", eu-west-1]]
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub "${Name}-queue"
              Extra:
                Type: AWS::SQS::Queue
                Condition: HasFlag
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  AutoPublishAlias: live
                  Environment:
                    Variables:
                      QUEUE_ARN: !GetAtt Queue.Arn
                      QUEUE_NAME: !Sub "${Queue.QueueName}/${AWS::Region}/${Local}"
                      GUARDED: !If [HasFlag, !Ref Extra, !Ref "AWS::NoValue"]
                      IMPLIED: !If [FlagAndRegion, !GetAtt Extra.Arn, none]
                      ESCAPED: !Sub "${!NotAReference}"
                      LOCAL: !Sub ["${Local}-x", {Local: !Ref Name}]
            Outputs:
              Alias:
                Value: !Ref Fn.Alias
              ExtraUrl:
                Condition: HasFlag
                Value: !Ref Extra
            """;

    private final ReferenceCheck check = new ReferenceCheck();

    @Test
    void shouldFindNothingWhenEveryReferenceResolves() {
        // GIVEN a template whose only wrong-looking reference is ${Local} used outside its Fn::Sub
        CfnTemplate template = Broken.variant(VALID, "/${Local}\"", "\"");

        // WHEN
        List<Finding> findings = check.check(template);

        // THEN
        assertThat(findings).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            Ref to nothing                 | QueueName: !Sub "${Name}-queue"      | QueueName: !Ref Missing                | no parameter, pseudo parameter or resource named Missing
            GetAtt of missing resource     | QUEUE_ARN: !GetAtt Queue.Arn         | QUEUE_ARN: !GetAtt Nothing.Arn         | no resource named Nothing
            GetAtt of unknown attribute    | QUEUE_ARN: !GetAtt Queue.Arn         | QUEUE_ARN: !GetAtt Queue.Arm           | AWS::SQS::Queue has no attribute Arm
            Sub placeholder to nothing     | !Sub "${Name}-queue"                 | !Sub "${Nme}-queue"                    | ${Nme} in Fn::Sub
            Sub local used outside its Sub | ESCAPED: !Sub "${!NotAReference}"    | ESCAPED: !Sub "${Local}"               | ${Local} in Fn::Sub
            unguarded conditional resource | GUARDED: !If [HasFlag, !Ref Extra, !Ref "AWS::NoValue"] | GUARDED: !Ref Extra | exists only when condition HasFlag holds
            unguarded output               | '    Condition: HasFlag\\n    Value: !Ref Extra' | '    Value: !Ref Extra' | exists only when condition HasFlag holds
            unknown If condition           | !If [HasFlag, !Ref Extra            | !If [HasFlg, !Ref Extra                | no condition named HasFlg
            unknown resource condition     | '    Condition: HasFlag\\n  Fn:'     | '    Condition: Nope\\n  Fn:'           | unknown condition Nope
            alias of non-function          | Value: !Ref Fn.Alias                 | Value: !Ref Queue.Alias                | AutoPublishAlias
            condition using a resource     | !Equals [!Ref Flag, ""]              | !Equals [!Ref Queue, ""]               | conditions may refer to parameters only
            unused parameter               | '  Flag:\\n'                         | '  Unused:\\n    Type: String\\n  Flag:\\n' | parameter Unused is never used
            """)
    void shouldReportWhenReferenceIsBroken(String description, String from, String to, String expected) {
        // GIVEN a valid template broken in one place
        CfnTemplate template = Broken.variant(VALID.replace("/${Local}\"", "\""), unescape(from), unescape(to));

        // WHEN
        List<Finding> findings = check.check(template);

        // THEN
        assertThat(findings).as(description).isNotEmpty()
                .allSatisfy(f -> assertThat(f.rule().id()).isEqualTo("references"))
                .anySatisfy(f -> assertThat(f.message()).contains(expected));
    }

    @Test
    void shouldReportWhenDependsOnNamesMissingResource() {
        // GIVEN
        CfnTemplate template = Broken.variant(VALID.replace("/${Local}\"", "\""),
                "  Fn:\n    Type: AWS::Serverless::Function\n",
                "  Fn:\n    Type: AWS::Serverless::Function\n    DependsOn: [Queue, Ghost]\n");

        // WHEN
        List<Finding> findings = check.check(template);

        // THEN
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("Resources.Fn.DependsOn");
            assertThat(f.message()).contains("Ghost");
        });
    }

    private static String unescape(String csv) {
        return csv.replace("\\n", "\n");
    }
}

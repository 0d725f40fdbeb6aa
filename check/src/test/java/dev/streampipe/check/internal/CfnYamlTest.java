package dev.streampipe.check.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CfnYamlTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldExpandEveryShortTagToLongFormWhenParsing() throws Exception {
        // GIVEN every short-form intrinsic CloudFormation defines
        String yaml = """
                a: !Ref Param
                b: !GetAtt Table.StreamArn
                c: !Sub "${AWS::Region}-x"
                d: !If [Cond, yes-value, !Ref AWS::NoValue]
                e: !Equals [!Ref Param, ""]
                f: !Not [!Condition Cond]
                g: !Join [",", [a, b]]
                h: !Select [0, !Split [",", "a,b"]]
                i: !FindInMap [Map, Key, Value]
                j: !ImportValue Shared
                k: !GetAZs ""
                l: !Base64 text
                m: !And [!Condition A, !Condition B]
                n: !Or [!Condition A, !Condition B]
                """;

        // WHEN
        JsonNode parsed = CfnYaml.parse(yaml);

        // THEN
        JsonNode expected = JSON.readTree("""
                {"a":{"Ref":"Param"},
                 "b":{"Fn::GetAtt":["Table","StreamArn"]},
                 "c":{"Fn::Sub":"${AWS::Region}-x"},
                 "d":{"Fn::If":["Cond","yes-value",{"Ref":"AWS::NoValue"}]},
                 "e":{"Fn::Equals":[{"Ref":"Param"},""]},
                 "f":{"Fn::Not":[{"Condition":"Cond"}]},
                 "g":{"Fn::Join":[",",["a","b"]]},
                 "h":{"Fn::Select":[0,{"Fn::Split":[",","a,b"]}]},
                 "i":{"Fn::FindInMap":["Map","Key","Value"]},
                 "j":{"Fn::ImportValue":"Shared"},
                 "k":{"Fn::GetAZs":""},
                 "l":{"Fn::Base64":"text"},
                 "m":{"Fn::And":[{"Condition":"A"},{"Condition":"B"}]},
                 "n":{"Fn::Or":[{"Condition":"A"},{"Condition":"B"}]}}
                """);
        assertThat(parsed.toString()).isEqualTo(JSON.writeValueAsString(expected));
    }

    @Test
    void shouldSplitAtFirstDotWhenGetAttAttributeHasDots() {
        // GIVEN / WHEN
        JsonNode parsed = CfnYaml.parse("v: !GetAtt Db.Endpoint.Address\n");

        // THEN
        assertThat(parsed.path("v").toString()).isEqualTo("{\"Fn::GetAtt\":[\"Db\",\"Endpoint.Address\"]}");
    }

    @Test
    void shouldTagMappingsAndSequencesWhenTagPrecedesACollection() {
        // GIVEN a tag on a block sequence and on a mapping value inside it
        String yaml = """
                v: !Sub
                  - "${Name}-${Suffix}"
                  - Suffix: !Ref AWS::StackName
                """;

        // WHEN
        JsonNode parsed = CfnYaml.parse(yaml);

        // THEN
        assertThat(parsed.path("v").toString())
                .isEqualTo("{\"Fn::Sub\":[\"${Name}-${Suffix}\",{\"Suffix\":{\"Ref\":\"AWS::StackName\"}}]}");
    }

    @Test
    void shouldKeepValueWhenYamlCoreTagIsUsed() {
        // GIVEN / WHEN
        JsonNode parsed = CfnYaml.parse("v: !!str 123\nn: 5\n");

        // THEN
        assertThat(parsed.path("v").isTextual()).isTrue();
        assertThat(parsed.path("v").asText()).isEqualTo("123");
        assertThat(parsed.path("n").asLong()).isEqualTo(5);
    }

    @Test
    void shouldRejectTemplateWhenTagIsUnknown() {
        assertThatThrownBy(() -> CfnYaml.parse("a: 1\nb: !Reff X\n"))
                .isInstanceOf(CfnYamlException.class)
                .hasMessageContaining("unknown tag !Reff at line 2");
    }

    @Test
    void shouldRejectTemplateWhenKeyIsDuplicated() {
        assertThatThrownBy(() -> CfnYaml.parse("Resources:\n  A: 1\n  A: 2\n"))
                .isInstanceOf(CfnYamlException.class)
                .hasMessageContaining("duplicate key 'A' at line 3");
    }

    @Test
    void shouldRejectTemplateWhenAliasIsUsed() {
        assertThatThrownBy(() -> CfnYaml.parse("a: &x 1\nb: *x\n"))
                .isInstanceOf(CfnYamlException.class)
                .hasMessageContaining("alias");
    }

    @Test
    void shouldRejectGetAttWhenAttributeIsMissing() {
        assertThatThrownBy(() -> CfnYaml.parse("a: !GetAtt Table\n"))
                .isInstanceOf(CfnYamlException.class)
                .hasMessageContaining("Resource.Attribute");
    }

    @Test
    void shouldRejectTextWhenItIsNotYaml() {
        assertThatThrownBy(() -> CfnYaml.parse("a: [1, 2\n"))
                .isInstanceOf(CfnYamlException.class)
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void shouldNameProblemOnOneLineWithLineAndColumnWhenTextIsNotYaml() {
        // GIVEN a block mapping broken by a closing brace (SnakeYAML's own message spans five lines)
        String broken = "Resources:\n  A:\n    Type: X\n}\n";

        // WHEN / THEN
        assertThatThrownBy(() -> CfnYaml.parse(broken)).isInstanceOf(CfnYamlException.class)
                .hasMessage("template is not valid YAML: expected <block end>, but found '}' at line 4, column 1");
        assertThatThrownBy(() -> CfnYaml.parse("? [a]\n: b\n")).isInstanceOf(CfnYamlException.class)
                .hasMessageStartingWith("template is not valid YAML: a mapping key that is a list or a mapping");
    }

    @Test
    void shouldRejectNestingDeeperThanTheLimitAndNumbersLongerThanTheLimit() {
        // GIVEN the top-level mapping and 99 lists inside it: 100 levels
        int lists = CfnYaml.MAX_NESTING_DEPTH - 1;
        String deep = "a: " + "[".repeat(lists) + "]".repeat(lists) + "\n";

        // WHEN / THEN

        assertThat(CfnYaml.parse(deep).path("a").isArray()).isTrue();
        assertThatThrownBy(() -> CfnYaml.parse("a: [" + deep.substring(3))).isInstanceOf(CfnYamlException.class)
                .hasMessage("template is not readable: nested deeper than 100 levels at line 1");
        assertThatThrownBy(() -> CfnYaml.parse("a:\n  b: 1" + "0".repeat(1000) + "\n"))
                .isInstanceOf(CfnYamlException.class)
                .hasMessage("a number of 1001 characters at line 2 is longer than 1000 characters");
    }

    @Test
    void shouldReadEmptyValueAsNullAndSpecialFloatsAsDoubles() {
        // WHEN
        JsonNode parsed = CfnYaml.parse("empty:\nquoted: ''\nnan: .nan\ninf: -.inf\n");

        // THEN
        assertThat(parsed.path("empty").isNull()).isTrue();
        assertThat(parsed.path("quoted").asText()).isEmpty();
        assertThat(parsed.path("nan").doubleValue()).isNaN();
        assertThat(parsed.path("inf").doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> CfnYaml.parse("b: !!binary aGVsbG8=\n")).isInstanceOf(CfnYamlException.class)
                .hasMessage("a value CloudFormation cannot read (tagged tag:yaml.org,2002:binary) at line 1");
    }
}

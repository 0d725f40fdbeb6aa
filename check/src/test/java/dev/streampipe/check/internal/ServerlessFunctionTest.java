package dev.streampipe.check.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerlessFunctionTest {

    @Test
    void shouldTakeGlobalsUnderFunctionPropertiesWhenBothDeclare() {
        // GIVEN Globals with a runtime, a handler and two variables, and a function overriding one variable
        CfnTemplate template = CfnTemplate.parse("""
                Globals:
                  Function:
                    Runtime: java21
                    Handler: a.Global::handleRequest
                    Environment:
                      Variables: {SHARED: one, OVERRIDDEN: global}
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: fn-module
                      Environment:
                        Variables: {OVERRIDDEN: !Ref Value}
                """);

        // WHEN
        ServerlessFunction function = ServerlessFunction.all(template).get(0);

        // THEN
        assertThat(function.codeUri()).isEqualTo("fn-module");
        assertThat(function.handlerClass()).isEqualTo("a.Global");
        assertThat(function.runtime()).isEqualTo("java21");
        assertThat(function.environment()).containsOnlyKeys("SHARED", "OVERRIDDEN");
        assertThat(function.environment().get("OVERRIDDEN").toString()).isEqualTo("{\"Ref\":\"Value\"}");
    }

    @Test
    void shouldFailNamingPropertyWhenCodeUriIsNotALiteralFolder() {
        // GIVEN a function whose CodeUri is an S3 location
        CfnTemplate template = CfnTemplate.parse("""
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties: {CodeUri: {Bucket: b, Key: k}, Handler: a.B::handleRequest}
                """);

        // WHEN / THEN
        assertThatThrownBy(() -> ServerlessFunction.all(template)).isInstanceOf(CfnYamlException.class)
                .hasMessageStartingWith("Resources.Fn.CodeUri must be a literal string");
    }
}

package dev.streampipe.system.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Small templates for the rule tests: a clean one, and exact textual variants of it. */
final class Templates {
    /** One router on the table's stream with every safeguard: no rule fires. */
    static final String CLEAN = """
            Transform: AWS::Serverless-2016-10-31
            Parameters:
              Retries:
                Type: Number
                Default: 10
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: orders
              Dlq:
                Type: AWS::SQS::Queue
              Router:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    Changes:
                      Type: DynamoDB
                      Properties:
                        Stream: !GetAtt Table.StreamArn
                        StartingPosition: TRIM_HORIZON
                        FunctionResponseTypes: [ReportBatchItemFailures]
                        BisectBatchOnFunctionError: true
                        MaximumRetryAttempts: !Ref Retries
                        DestinationConfig:
                          OnFailure:
                            Destination: !GetAtt Dlq.Arn
              RouterIteratorAge:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  Namespace: AWS/Lambda
                  MetricName: IteratorAge
                  Statistic: Maximum
                  Dimensions:
                    - Name: FunctionName
                      Value: !Ref Router
            """;

    private Templates() {
    }

    /** {@code template} with {@code from} replaced by {@code to}; fails if {@code from} is not in it. */
    static String variant(String template, String from, String to) {
        assertThat(template).as("variant base").contains(from);
        return template.replace(from, to);
    }

    /** {@code CLEAN} with {@code extra} resources appended under Resources. */
    static String withResources(String extra) {
        return CLEAN + extra.stripIndent();
    }

    static CheckReport check(String template) {
        return check(template, CheckConfig.defaults());
    }

    static CheckReport check(String template, CheckConfig config) {
        return Checker.check("t.yaml", TemplateInput.parse("t.yaml", template), config);
    }

    static List<CheckFinding> findings(String template, RuleId rule) {
        return findings(template, CheckConfig.defaults(), rule);
    }

    static List<CheckFinding> findings(String template, CheckConfig config, RuleId rule) {
        return check(template, config).findings().stream().filter(f -> f.rule() == rule).toList();
    }
}

package dev.streampipe.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Small templates for the rule tests: a clean one, and exact textual variants of it. */
public final class Templates {
    /** One router on the table's stream with every safeguard: no rule fires. */
    public static final String CLEAN = """
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
    public static String variant(String template, String from, String to) {
        assertThat(template).as("variant base").contains(from);
        return template.replace(from, to);
    }

    /** {@code CLEAN} with {@code extra} resources appended under Resources. */
    public static String withResources(String extra) {
        return CLEAN + extra.stripIndent();
    }

    public static CheckReport check(String template) {
        return check(template, CheckConfig.defaults());
    }

    public static CheckReport check(String template, CheckConfig config) {
        return Checker.check("t.yaml", template, config);
    }

    public static List<Finding> findings(String template, RuleId rule) {
        return findings(template, CheckConfig.defaults(), rule);
    }

    public static List<Finding> findings(String template, CheckConfig config, RuleId rule) {
        return check(template, config).findings().stream().filter(f -> f.rule() == rule).toList();
    }
}

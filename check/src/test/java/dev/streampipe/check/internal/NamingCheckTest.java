package dev.streampipe.check.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamingCheckTest {
    private static final String VALID = """
            Parameters:
              TableName:
                Type: String
              BucketName:
                Type: String
                Default: ""
            Conditions:
              HasBucketName: !Not [!Equals [!Ref BucketName, ""]]
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: !Ref TableName
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub "${TableName}-dlq"
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !If [HasBucketName, !Ref BucketName, !Ref "AWS::NoValue"]
              Logs:
                Type: AWS::Logs::LogGroup
            """;

    private final NamingCheck check = new NamingCheck();

    @Test
    void shouldFindNothingWhenNamesComeFromParameters() {
        assertThat(check.check(CfnTemplate.parse(VALID))).isEmpty();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            TableName: !Ref TableName            | TableName: sessions                         | does not come from a parameter
            QueueName: !Sub "${TableName}-dlq"   | QueueName: !Sub "${AWS::StackName}-dlq"     | does not come from a parameter
            QueueName: !Sub "${TableName}-dlq"   | VisibilityTimeout: 30                       | has no QueueName
            """)
    void shouldReportWhenNameIsHardCodedOrMissing(String from, String to, String expected) {
        assertThat(check.check(Broken.variant(VALID, from, to)))
                .singleElement().satisfies(f -> assertThat(f.message()).contains(expected));
    }
}

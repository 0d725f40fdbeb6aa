package dev.streampipe.check.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncryptionCheckTest {
    private static final String VALID = """
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  KmsMasterKeyId: alias/topics
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  SqsManagedSseEnabled: true
              KmsQueue:
                Type: AWS::SQS::Queue
                Properties:
                  KmsMasterKeyId: alias/queues
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  SSESpecification:
                    SSEEnabled: true
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketEncryption:
                    ServerSideEncryptionConfiguration:
                      - ServerSideEncryptionByDefault:
                          SSEAlgorithm: AES256
                  PublicAccessBlockConfiguration:
                    BlockPublicAcls: true
                    BlockPublicPolicy: true
                    IgnorePublicAcls: true
                    RestrictPublicBuckets: true
              Delivery:
                Type: AWS::KinesisFirehose::DeliveryStream
                Properties:
                  DeliveryStreamType: DirectPut
                  DeliveryStreamEncryptionConfigurationInput:
                    KeyType: AWS_OWNED_CMK
            """;

    private final EncryptionCheck check = new EncryptionCheck();

    @Test
    void shouldFindNothingWhenEverythingIsEncrypted() {
        assertThat(check.check(CfnTemplate.parse(VALID))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Topic    | KmsMasterKeyId: alias/topics   | DisplayName: topic                | topic has no KmsMasterKeyId
            Queue    | SqsManagedSseEnabled: true     | SqsManagedSseEnabled: false       | queue has neither
            KmsQueue | KmsMasterKeyId: alias/queues   | VisibilityTimeout: 30             | queue has neither
            Table    | SSEEnabled: true               | SSEEnabled: false                 | table has no SSESpecification
            Bucket   | SSEAlgorithm: AES256           | BucketKeyEnabled: true            | bucket has no BucketEncryption
            Bucket   | RestrictPublicBuckets: true    | RestrictPublicBuckets: false      | [RestrictPublicBuckets] not true
            Delivery | KeyType: AWS_OWNED_CMK         | Unused: x                         | no DeliveryStreamEncryptionConfigurationInput
            """)
    void shouldReportWhenResourceIsNotEncrypted(String resource, String from, String to, String expected) {
        // GIVEN one resource's encryption removed / WHEN
        var findings = check.check(Broken.variant(VALID, from, to));

        // THEN
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("Resources." + resource);
            assertThat(f.message()).contains(expected);
        });
    }
}

package dev.streampipe.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Templates for argument tests: the least the local run can create, and damaged copies of it. */
final class Templates {
    /** Every resource and parameter the local run uses, nothing else. */
    static final String MINIMAL = """
            Parameters:
              PartitionKeyName: {Type: String, Default: PK}
              SummaryInterval: {Type: Number, Default: 10}
              SummaryTimeoutSeconds: {Type: Number, Default: 120}
              SummaryMaximumRetryAttempts: {Type: Number, Default: 2}
            Resources:
              SessionTable: {Type: 'AWS::DynamoDB::Table'}
              OnFailureQueue: {Type: 'AWS::SQS::Queue'}
              AlertTopic: {Type: 'AWS::SNS::Topic'}
              AnalyticsBucket: {Type: 'AWS::S3::Bucket'}
              RouterFunction: {Type: 'AWS::Serverless::Function'}
              SummaryFunction: {Type: 'AWS::Serverless::Function'}
            """;

    private Templates() {
    }

    static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    static Path minimal(Path dir) throws IOException {
        return write(dir, "template.yaml", MINIMAL);
    }
}

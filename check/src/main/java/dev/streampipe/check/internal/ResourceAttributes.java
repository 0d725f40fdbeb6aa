package dev.streampipe.check.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code Fn::GetAtt} attributes of the resource types this project uses, from the CloudFormation
 * resource reference. Types not listed are not checked (absence here is not an error).
 */
public final class ResourceAttributes {
    private static final Map<String, Set<String>> ATTRIBUTES = Map.ofEntries(
            Map.entry("AWS::DynamoDB::Table", Set.of("Arn", "StreamArn")),
            Map.entry("AWS::SQS::Queue", Set.of("Arn", "QueueName", "QueueUrl")),
            Map.entry("AWS::SNS::Topic", Set.of("TopicArn", "TopicName")),
            Map.entry("AWS::Serverless::Function", Set.of("Arn")),
            Map.entry("AWS::IAM::Role", Set.of("Arn", "RoleId")),
            Map.entry("AWS::S3::Bucket",
                    Set.of("Arn", "DomainName", "DualStackDomainName", "RegionalDomainName", "WebsiteURL")),
            Map.entry("AWS::Logs::LogGroup", Set.of("Arn")),
            Map.entry("AWS::KMS::Key", Set.of("Arn", "KeyId")),
            Map.entry("AWS::Events::EventBus", Set.of("Arn", "Name", "Policy")),
            Map.entry("AWS::Events::Rule", Set.of("Arn")),
            Map.entry("AWS::Events::Archive", Set.of("Arn")),
            Map.entry("AWS::KinesisFirehose::DeliveryStream", Set.of("Arn")),
            Map.entry("AWS::ECS::Cluster", Set.of("Arn")),
            Map.entry("AWS::ECS::Service", Set.of("Name", "ServiceArn")),
            Map.entry("AWS::ECS::TaskDefinition", Set.of("TaskDefinitionArn")));

    private ResourceAttributes() {
    }

    /** Attributes of {@code type}, empty if this table does not know the type. */
    public static Optional<Set<String>> of(String type) {
        return Optional.ofNullable(ATTRIBUTES.get(type));
    }
}

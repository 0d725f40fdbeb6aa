package dev.streampipe.check.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.check.Finding;
import dev.streampipe.check.RuleId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resource names come from parameters, never from literals duplicated between code and template.
 *
 * <p>For the named types below, a name that is given must reference a parameter (directly, through
 * {@code Fn::Sub} or an {@code Fn::If} branch). Names the code or an operator refers to (tables, topics,
 * queues, functions, the delivery stream, the bus, the archive, the ECS cluster and service) must be given.
 */
public final class NamingCheck implements TemplateRule {
    private static final Map<String, String> NAME_PROPERTIES = Map.ofEntries(
            Map.entry("AWS::DynamoDB::Table", "TableName"),
            Map.entry("AWS::SNS::Topic", "TopicName"),
            Map.entry("AWS::SQS::Queue", "QueueName"),
            Map.entry("AWS::Serverless::Function", "FunctionName"),
            Map.entry("AWS::Lambda::Function", "FunctionName"),
            Map.entry("AWS::KinesisFirehose::DeliveryStream", "DeliveryStreamName"),
            Map.entry("AWS::Events::EventBus", "Name"),
            Map.entry("AWS::Events::Archive", "ArchiveName"),
            Map.entry("AWS::ECS::Cluster", "ClusterName"),
            Map.entry("AWS::ECS::Service", "ServiceName"),
            Map.entry("AWS::Events::Rule", "Name"),
            Map.entry("AWS::ECS::TaskDefinition", "Family"),
            Map.entry("AWS::Logs::LogGroup", "LogGroupName"),
            Map.entry("AWS::S3::Bucket", "BucketName"),
            Map.entry("AWS::CloudWatch::Alarm", "AlarmName"));
    private static final Set<String> NAME_REQUIRED = Set.of("AWS::DynamoDB::Table", "AWS::SNS::Topic",
            "AWS::SQS::Queue", "AWS::Serverless::Function", "AWS::Lambda::Function",
            "AWS::KinesisFirehose::DeliveryStream", "AWS::Events::EventBus", "AWS::Events::Archive",
            "AWS::ECS::Cluster", "AWS::ECS::Service");

    @Override
    public String name() {
        return "names-from-parameters";
    }

    @Override
    public List<RuleId> rules() {
        return List.of(RuleId.NAMES_FROM_PARAMETERS);
    }

    @Override
    public List<Finding> check(CfnTemplate template) {
        List<Finding> findings = new ArrayList<>();
        Set<String> parameters = template.parameters().keySet();
        template.resources().forEach((id, resource) -> {
            String type = resource.path("Type").asText();
            String property = NAME_PROPERTIES.get(type);
            if (property == null) {
                return;
            }
            JsonNode name = resource.path("Properties").path(property);
            String location = "Resources." + id + ".Properties." + property;
            if (name.isMissingNode()) {
                if (NAME_REQUIRED.contains(type)) {
                    findings.add(Finding.at(RuleId.NAMES_FROM_PARAMETERS, location, type + " has no " + property
                            + "; give it one from a parameter so code and operators can find it"));
                }
            } else if (Intrinsics.referencedNames(name).stream().noneMatch(parameters::contains)) {
                findings.add(Finding.at(RuleId.NAMES_FROM_PARAMETERS, location, "name " + name + " does not come from a parameter"));
            }
        });
        return findings;
    }
}

package dev.streampipe.check.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.check.Finding;
import dev.streampipe.check.RuleId;
import java.util.ArrayList;
import java.util.List;

/**
 * Data at rest is encrypted: SNS topics (KMS key), SQS queues (SSE-SQS or KMS), S3 buckets (default
 * encryption and all four public-access blocks), DynamoDB tables (SSE enabled) and direct-put Firehose
 * delivery streams (server-side encryption).
 */
public final class EncryptionCheck implements TemplateRule {
    private static final List<String> PUBLIC_ACCESS_BLOCKS =
            List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets");

    @Override
    public String name() {
        return "encryption";
    }

    @Override
    public List<RuleId> rules() {
        return List.of(RuleId.ENCRYPTION);
    }

    @Override
    public List<Finding> check(CfnTemplate template) {
        List<Finding> findings = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            JsonNode properties = resource.path("Properties");
            String location = "Resources." + id;
            switch (resource.path("Type").asText()) {
                case "AWS::SNS::Topic" -> require(findings, location, present(properties.path("KmsMasterKeyId")),
                        "topic has no KmsMasterKeyId");
                case "AWS::SQS::Queue" -> require(findings, location,
                        isTrue(properties.path("SqsManagedSseEnabled")) || present(properties.path("KmsMasterKeyId")),
                        "queue has neither SqsManagedSseEnabled: true nor KmsMasterKeyId");
                case "AWS::DynamoDB::Table" -> require(findings, location,
                        isTrue(properties.path("SSESpecification").path("SSEEnabled")),
                        "table has no SSESpecification.SSEEnabled: true");
                case "AWS::KinesisFirehose::DeliveryStream" -> checkDeliveryStream(findings, location, properties);
                case "AWS::S3::Bucket" -> checkBucket(findings, location, properties);
                default -> {
                    // no encryption rule for this type
                }
            }
        });
        return findings;
    }

    private void checkDeliveryStream(List<Finding> findings, String location, JsonNode properties) {
        String type = properties.path("DeliveryStreamType").asText("DirectPut");
        if (type.equals("DirectPut")) {
            require(findings, location,
                    present(properties.path("DeliveryStreamEncryptionConfigurationInput").path("KeyType")),
                    "direct-put delivery stream has no DeliveryStreamEncryptionConfigurationInput.KeyType");
        }
    }

    private void checkBucket(List<Finding> findings, String location, JsonNode properties) {
        JsonNode rules = properties.path("BucketEncryption").path("ServerSideEncryptionConfiguration");
        boolean encrypted = false;
        for (JsonNode rule : rules) {
            encrypted |= present(rule.path("ServerSideEncryptionByDefault").path("SSEAlgorithm"));
        }
        require(findings, location, encrypted, "bucket has no BucketEncryption with an SSEAlgorithm");
        JsonNode blocks = properties.path("PublicAccessBlockConfiguration");
        List<String> open = PUBLIC_ACCESS_BLOCKS.stream().filter(block -> !isTrue(blocks.path(block))).toList();
        require(findings, location, open.isEmpty(), "bucket does not block public access: " + open + " not true");
    }

    private void require(List<Finding> findings, String location, boolean holds, String message) {
        if (!holds) {
            findings.add(Finding.at(RuleId.ENCRYPTION, location, message));
        }
    }

    private static boolean present(JsonNode value) {
        return !value.isMissingNode() && !value.isNull() && !(value.isTextual() && value.asText().isBlank());
    }

    private static boolean isTrue(JsonNode value) {
        return value.isBoolean() ? value.booleanValue() : "true".equalsIgnoreCase(value.asText());
    }
}

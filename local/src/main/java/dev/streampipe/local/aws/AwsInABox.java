package dev.streampipe.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.emulator.MotoServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates {@code template.yaml}'s data and messaging resources in moto with plain SDK calls, from the template's
 * own definitions: DynamoDB tables (keys, stream, TTL), S3 buckets, SQS queues (with their redrive policies), SNS
 * topics and their SQS subscriptions (with the template's filter policies), EventBridge buses and rules (the
 * template's event patterns, SQS targets), and Firehose delivery streams to S3. Functions and IAM roles are not
 * created (moto cannot run functions and does not enforce IAM); their names and ARNs are recorded so references
 * resolve. KMS, logs, alarms, archives and ECS are skipped: nothing on one machine checks them.
 *
 * <p>Why not moto's CloudFormation: it rejects {@code AWS::Events::Archive}'s pattern (it expects a string).
 */
public final class AwsInABox implements AutoCloseable {
    private final TemplateStack stack;
    private final DynamoDbClient dynamoDb;
    private final S3Client s3;
    private final SqsClient sqs;
    private final SnsClient sns;
    private final EventBridgeClient events;
    private final FirehoseClient firehose;
    private final Map<String, List<String>> createdByType = new TreeMap<>();
    private final Map<String, Integer> skippedByType = new TreeMap<>();

    private AwsInABox(MotoServer moto, TemplateStack stack) {
        this.stack = stack;
        this.dynamoDb = moto.configure(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        this.s3 = moto.configure(S3Client.builder()).forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .build();
        this.sqs = moto.configure(SqsClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        this.sns = moto.configure(SnsClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        this.events = moto.configure(EventBridgeClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        this.firehose = moto.configure(FirehoseClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Creates every supported resource of {@code stack} in {@code moto}. */
    public static AwsInABox provision(MotoServer moto, TemplateStack stack) {
        AwsInABox box = new AwsInABox(moto, stack);
        try {
            box.provisionAll();
        } catch (RuntimeException e) {
            box.close();
            throw e;
        }
        return box;
    }

    public TemplateStack stack() {
        return stack;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public S3Client s3() {
        return s3;
    }

    public SqsClient sqs() {
        return sqs;
    }

    /** Logical ids created, by resource type. */
    public Map<String, List<String>> created() {
        return createdByType;
    }

    /** How many resources of each type were not created. */
    public Map<String, Integer> skipped() {
        return skippedByType;
    }

    /** What {@code Ref} yields for a created resource. */
    public String ref(String logicalId) {
        return stack.ref(logicalId).orElseThrow(() -> new IllegalStateException(logicalId + " was not created"));
    }

    /**
     * A function's environment as the template sets it, every value resolved against the created resources.
     */
    public Map<String, String> functionEnvironment(String logicalId) {
        JsonNode vars = stack.property(logicalId, "Environment");
        Map<String, String> env = new LinkedHashMap<>();
        if (vars != null) {
            vars.path("Variables").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        return env;
    }

    /**
     * Adds a queue subscribed to a created topic (raw delivery, no filter) and returns its URL: where the local
     * run reads what a subscriber outside the template (an operator's e-mail, say) would get.
     */
    public String subscribeQueue(String topicLogicalId, String queueName) {
        String url = sqs.createQueue(b -> b.queueName(queueName)).queueUrl();
        String arn = queueArn(url);
        sns.subscribe(b -> b.topicArn(ref(topicLogicalId)).protocol("sqs").endpoint(arn)
                .attributes(Map.of("RawMessageDelivery", "true")));
        return url;
    }

    private void provisionAll() {
        Map<String, String> types = new LinkedHashMap<>();
        stack.template().resources().forEach((id, r) -> types.put(id, r.path("Type").asText()));
        for (String type : List.of("AWS::IAM::Role", "AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::SQS::Queue", "AWS::SNS::Topic",
                "AWS::Serverless::Function", "AWS::Lambda::Function", "AWS::SNS::Subscription",
                "AWS::Events::EventBus", "AWS::Events::Rule", "AWS::KinesisFirehose::DeliveryStream")) {
            List<String> ids = new ArrayList<>();
            types.forEach((id, t) -> {
                if (t.equals(type) && stack.included(id)) {
                    ids.add(id);
                }
            });
            if (type.equals("AWS::SQS::Queue")) {
                // a queue's redrive policy names its dead-letter queue: create those first
                ids.sort((a, b) -> Boolean.compare(hasRedrive(a), hasRedrive(b)));
            }
            for (String id : ids) {
                create(type, id);
                createdByType.computeIfAbsent(type, k -> new ArrayList<>()).add(id);
            }
        }
        types.forEach((id, t) -> {
            if (!createdByType.getOrDefault(t, List.of()).contains(id)) {
                skippedByType.merge(t, 1, Integer::sum);
            }
        });
    }

    private boolean hasRedrive(String queueId) {
        return stack.template().resources().get(queueId).path("Properties").has("RedrivePolicy");
    }

    private void create(String type, String id) {
        switch (type) {
            case "AWS::IAM::Role" -> role(id);
            case "AWS::DynamoDB::Table" -> table(id);
            case "AWS::S3::Bucket" -> bucket(id);
            case "AWS::SQS::Queue" -> queue(id);
            case "AWS::SNS::Topic" -> topic(id);
            case "AWS::Serverless::Function", "AWS::Lambda::Function" -> function(id);
            case "AWS::SNS::Subscription" -> subscription(id);
            case "AWS::Events::EventBus" -> bus(id);
            case "AWS::Events::Rule" -> rule(id);
            case "AWS::KinesisFirehose::DeliveryStream" -> deliveryStream(id);
            default -> throw new IllegalStateException("no provisioner for " + type);
        }
    }

    /** Roles are named, not created: moto does not enforce IAM, and a delivery stream must name its role. */
    private void role(String id) {
        String arn = "arn:aws:iam::" + TemplateStack.ACCOUNT_ID + ":role/" + id;
        stack.created(id, id, Map.of("Arn", arn));
    }

    private void table(String id) {
        String name = stack.text(id, "TableName");
        JsonNode stream = stack.property(id, "StreamSpecification");
        List<AttributeDefinition> attributes = new ArrayList<>();
        for (JsonNode a : stack.property(id, "AttributeDefinitions")) {
            attributes.add(AttributeDefinition.builder().attributeName(a.path("AttributeName").asText())
                    .attributeType(a.path("AttributeType").asText()).build());
        }
        List<KeySchemaElement> keys = new ArrayList<>();
        for (JsonNode k : stack.property(id, "KeySchema")) {
            keys.add(KeySchemaElement.builder().attributeName(k.path("AttributeName").asText())
                    .keyType(k.path("KeyType").asText()).build());
        }
        CreateTableResponse created = dynamoDb.createTable(b -> {
            b.tableName(name).attributeDefinitions(attributes).keySchema(keys)
                    .billingMode(stack.text(id, "BillingMode"));
            if (stream != null) {
                b.streamSpecification(s -> s.streamEnabled(true)
                        .streamViewType(stream.path("StreamViewType").asText()));
            }
        });
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(name));
        JsonNode ttl = stack.property(id, "TimeToLiveSpecification");
        if (ttl != null && ttl.path("Enabled").asBoolean()) {
            dynamoDb.updateTimeToLive(b -> b.tableName(name).timeToLiveSpecification(t -> t
                    .attributeName(ttl.path("AttributeName").asText()).enabled(true)));
        }
        Map<String, String> attrs = new HashMap<>();
        attrs.put("Arn", created.tableDescription().tableArn());
        if (created.tableDescription().latestStreamArn() != null) {
            attrs.put("StreamArn", created.tableDescription().latestStreamArn());
        }
        stack.created(id, name, attrs);
    }

    private void bucket(String id) {
        String name = stack.text(id, "BucketName");
        if (name == null) {
            // CloudFormation would generate a unique name; one stack per machine needs no more than this
            name = ("streampipe-local-" + id).toLowerCase();
        }
        String bucket = name;
        boolean objectLock = "true".equals(stack.text(id, "ObjectLockEnabled"));
        s3.createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(objectLock));
        stack.created(id, bucket, Map.of("Arn", "arn:aws:s3:::" + bucket, "DomainName", bucket + ".s3.amazonaws.com"));
    }

    private void queue(String id) {
        String name = stack.text(id, "QueueName");
        Map<String, String> attributes = new HashMap<>();
        JsonNode redrive = stack.property(id, "RedrivePolicy");
        if (redrive != null) {
            attributes.put(QueueAttributeName.REDRIVE_POLICY.toString(), TemplateStack.json(redrive));
        }
        String retention = stack.text(id, "MessageRetentionPeriod");
        if (retention != null) {
            attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD.toString(), retention);
        }
        String url = sqs.createQueue(b -> b.queueName(name).attributesWithStrings(attributes)).queueUrl();
        stack.created(id, url, Map.of("Arn", queueArn(url), "QueueName", name, "QueueUrl", url));
    }

    private String queueArn(String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private void topic(String id) {
        String name = stack.text(id, "TopicName");
        String arn = sns.createTopic(b -> b.name(name)).topicArn();
        stack.created(id, arn, Map.of("TopicArn", arn, "TopicName", name));
    }

    private void function(String id) {
        String name = stack.text(id, "FunctionName");
        String arn = "arn:aws:lambda:" + TemplateStack.REGION + ":" + TemplateStack.ACCOUNT_ID + ":function:" + name;
        stack.created(id, name, Map.of("Arn", arn));
    }

    private void subscription(String id) {
        String protocol = stack.text(id, "Protocol");
        if (!"sqs".equals(protocol)) {
            skippedByType.merge("AWS::SNS::Subscription (" + protocol + ")", 1, Integer::sum);
            return;
        }
        Map<String, String> attributes = new HashMap<>();
        if (stack.property(id, "RawMessageDelivery") != null) {
            attributes.put("RawMessageDelivery", stack.text(id, "RawMessageDelivery"));
        }
        if (stack.property(id, "FilterPolicy") != null) {
            attributes.put("FilterPolicy", TemplateStack.json(stack.property(id, "FilterPolicy")));
            String scope = stack.text(id, "FilterPolicyScope");
            attributes.put("FilterPolicyScope", scope == null ? "MessageAttributes" : scope);
        }
        String arn = sns.subscribe(b -> b.topicArn(stack.text(id, "TopicArn")).protocol(protocol)
                .endpoint(stack.text(id, "Endpoint")).attributes(attributes).returnSubscriptionArn(true))
                .subscriptionArn();
        stack.created(id, arn, Map.of("Arn", arn));
    }

    private void bus(String id) {
        String name = stack.text(id, "Name");
        String arn = events.createEventBus(b -> b.name(name)).eventBusArn();
        stack.created(id, name, Map.of("Arn", arn, "Name", name));
    }

    private void rule(String id) {
        String name = stack.text(id, "Name");
        String bus = stack.text(id, "EventBusName");
        String arn = events.putRule(b -> b.name(name).eventBusName(bus)
                .eventPattern(TemplateStack.json(stack.property(id, "EventPattern")))
                .state(stack.text(id, "State"))).ruleArn();
        List<software.amazon.awssdk.services.eventbridge.model.Target> targets = new ArrayList<>();
        for (JsonNode t : stack.property(id, "Targets")) {
            targets.add(software.amazon.awssdk.services.eventbridge.model.Target.builder()
                    .id(t.path("Id").asText()).arn(t.path("Arn").asText()).build());
        }
        events.putTargets(b -> b.rule(name).eventBusName(bus).targets(targets));
        stack.created(id, bus + "|" + name, Map.of("Arn", arn));
    }

    private void deliveryStream(String id) {
        String name = stack.text(id, "DeliveryStreamName");
        String config = "ExtendedS3DestinationConfiguration";
        String arn = firehose.createDeliveryStream(b -> b.deliveryStreamName(name)
                .deliveryStreamType(stack.text(id, "DeliveryStreamType"))
                .extendedS3DestinationConfiguration(d -> d
                        .bucketARN(text(stack.propertyAt(id, config, "BucketARN"), null))
                        .roleARN(text(stack.propertyAt(id, config, "RoleARN"), null))
                        .prefix(text(stack.propertyAt(id, config, "Prefix"), null))
                        .errorOutputPrefix(text(stack.propertyAt(id, config, "ErrorOutputPrefix"), null))
                        .compressionFormat(text(stack.propertyAt(id, config, "CompressionFormat"), "UNCOMPRESSED"))
                        .bufferingHints(h -> h
                                .intervalInSeconds(number(stack.propertyAt(id, config, "BufferingHints",
                                        "IntervalInSeconds"), 300))
                                .sizeInMBs(number(stack.propertyAt(id, config, "BufferingHints", "SizeInMBs"), 5)))))
                .deliveryStreamARN();
        stack.created(id, name, Map.of("Arn", arn));
    }

    private static String text(JsonNode node, String otherwise) {
        return node == null ? otherwise : node.asText();
    }

    private static int number(JsonNode node, int otherwise) {
        return node == null ? otherwise : Integer.parseInt(node.asText());
    }

    @Override
    public void close() {
        dynamoDb.close();
        s3.close();
        sqs.close();
        sns.close();
        events.close();
        firehose.close();
    }
}

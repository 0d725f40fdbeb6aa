package dev.streampipe.local.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.emulator.MotoServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** template.yaml's own resources in moto: what the local run stands on, checked one service at a time. */
class AwsInABoxIT {
    private static MotoServer moto;
    private static AwsInABox box;
    private static SnsClient sns;
    private static EventBridgeClient events;

    @BeforeAll
    static void provision() {
        moto = MotoServer.start(MotoServer.Options.logTo(Path.of("target", "moto-awsinabox.log")));
        box = AwsInABox.provision(moto, TemplateStack.read(Path.of("..", "template.yaml"), Map.of()));
        sns = moto.configure(SnsClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        events = moto.configure(EventBridgeClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stop() {
        sns.close();
        events.close();
        box.close();
        moto.close();
    }

    @Test
    void shouldDeliverEachHandoffOnlyToTheQueuesWhoseTemplateFilterPolicySelectsIt() {
        // GIVEN the handoff topic with the template's three filtered subscriptions
        String topic = box.ref("HandoffTopic");

        // WHEN three handoffs are published: assigned and escalated, assigned only, unassigned
        publish(topic, "h1", Map.of("event_type", "handoff", "agent_id", "agent-7", "reason", "escalated"));
        publish(topic, "h2", Map.of("event_type", "handoff", "agent_id", "agent-8", "reason", "requested_human"));
        publish(topic, "h3", Map.of("event_type", "handoff", "reason", "requested_human"));

        // THEN each queue holds exactly what its policy selects
        assertThat(ids("AgentDashboardQueue")).containsExactlyInAnyOrder("h1", "h2");
        assertThat(ids("CustomerNotificationsQueue")).containsExactlyInAnyOrder("h1", "h2", "h3");
        assertThat(ids("EscalationsQueue")).containsExactly("h1");
    }

    @Test
    void shouldRouteStatusEventsByTheTemplateRulesWhenPutOnTheBus() {
        // GIVEN the bus with the template's two rules, both targeting the status queue
        String bus = box.ref("SessionEventBus");
        String source = box.stack().parameter("EventSource");

        // WHEN three status changes are put
        for (String status : List.of("handoff", "disconnected", "active")) {
            events.putEvents(b -> b.entries(e -> e.eventBusName(bus).source(source).detailType("SessionStatusChanged")
                    .detail("{\"eventId\":\"" + status + "\",\"newStatus\":\"" + status + "\"}")));
        }

        // THEN only the two the rules select arrive
        List<JsonNode> delivered = ServiceContents.drain(box.sqs(), box.ref("SessionStatusQueue"));
        assertThat(delivered).extracting(n -> n.path("detail").path("newStatus").asText())
                .containsExactlyInAnyOrder("handoff", "disconnected");
    }

    @Test
    void shouldCreateTablesWithStreamsAndRedriveQueuesAsTheTemplateDeclares() {
        var table = box.dynamoDb().describeTable(b -> b.tableName(box.ref("SessionTable"))).table();
        assertThat(table.streamSpecification().streamViewTypeAsString()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(table.latestStreamArn()).startsWith("arn:aws:dynamodb:us-east-1:");
        var redrive = box.sqs().getQueueAttributes(b -> b.queueUrl(box.ref("AgentDashboardQueue"))
                .attributeNamesWithStrings("RedrivePolicy")).attributesAsStrings().get("RedrivePolicy");
        assertThat(redrive).contains("agent-dashboard-dlq", "\"maxReceiveCount\": 3");
        assertThat(box.created()).containsKeys("AWS::KinesisFirehose::DeliveryStream", "AWS::Events::Rule");
        assertThat(box.s3().getObjectLockConfiguration(b -> b.bucket(box.ref("AuditBucket")))
                .objectLockConfiguration().objectLockEnabledAsString()).isEqualTo("Enabled");
        assertThat(box.functionEnvironment("RouterFunction")).containsEntry("HANDOFF_TOPIC_ARN", box.ref("HandoffTopic"))
                .containsEntry("DEAD_LETTER_QUEUE_URL", box.ref("PoisonRecordQueue"));
    }

    private static void publish(String topic, String id, Map<String, String> attributes) {
        Map<String, MessageAttributeValue> values = new java.util.HashMap<>();
        attributes.forEach((k, v) -> values.put(k, MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
        sns.publish(b -> b.topicArn(topic).message("{\"eventId\":\"" + id + "\"}").messageAttributes(values));
    }

    private static List<String> ids(String queue) {
        return ServiceContents.drain(box.sqs(), box.ref(queue)).stream().map(n -> n.path("eventId").asText()).toList();
    }
}

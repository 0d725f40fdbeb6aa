package dev.streampipe.system.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.check.internal.CfnTemplate;
import dev.streampipe.check.internal.Intrinsics;
import dev.streampipe.check.internal.PolicyStatements;
import dev.streampipe.check.internal.Renderings;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tables, messaging, the monitor and the alarms as the issue specifies them. */
class TemplateResourcesTest {
    private static CfnTemplate template;

    @BeforeAll
    static void readTemplate() {
        template = ProjectFiles.template();
    }

    @Test
    void shouldStreamBothImagesWithTtlAndRecoveryWhenSessionTableIsDeclared() {
        JsonNode table = properties("SessionTable");

        assertThat(table.path("StreamSpecification").path("StreamViewType").asText()).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(table.path("TimeToLiveSpecification").path("AttributeName").asText()).isEqualTo("ttl");
        assertThat(table.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean())
                .isTrue();
        assertThat(table.path("KeySchema").findValues("AttributeName")).extracting(Intrinsics::refTarget)
                .containsExactly(Optional.of("PartitionKeyName"), Optional.of("SortKeyName"));
    }

    @Test
    void shouldKeyLedgerByStringPkAndExpireOnExpiresAtWhenLedgerIsDeclared() {
        JsonNode ledger = properties("LedgerTable");

        assertThat(ledger.path("KeySchema").toString()).isEqualTo("[{\"AttributeName\":\"PK\",\"KeyType\":\"HASH\"}]");
        assertThat(ledger.path("AttributeDefinitions").toString())
                .isEqualTo("[{\"AttributeName\":\"PK\",\"AttributeType\":\"S\"}]");
        assertThat(ledger.path("TimeToLiveSpecification").path("AttributeName").asText()).isEqualTo("expires_at");
    }

    @Test
    void shouldFilterHandoffSubscriptionsOnMessageAttributesWhenTopicIsSubscribed() {
        JsonNode dashboard = properties("AgentDashboardSubscription");
        JsonNode customers = properties("CustomerNotificationsSubscription");
        JsonNode escalations = properties("EscalationsSubscription");

        // the seed design's three subscribers: assigned handoffs, every handoff, escalations
        assertThat(dashboard.path("FilterPolicyScope").asText()).isEqualTo("MessageAttributes");
        assertThat(dashboard.path("FilterPolicy").toString())
                .isEqualTo("{\"event_type\":[\"handoff\"],\"agent_id\":[{\"exists\":true}]}");
        assertThat(customers.path("FilterPolicyScope").asText()).isEqualTo("MessageAttributes");
        assertThat(customers.path("FilterPolicy").toString()).isEqualTo("{\"event_type\":[\"handoff\"]}");
        assertThat(escalations.path("FilterPolicyScope").asText()).isEqualTo("MessageAttributes");
        assertThat(escalations.path("FilterPolicy").toString()).isEqualTo("{\"reason\":[\"escalated\"]}");
        assertThat(Intrinsics.refTarget(dashboard.path("TopicArn"))).contains("HandoffTopic");
        assertThat(properties("HandoffTopic").has("KmsMasterKeyId")).isTrue();
    }

    @Test
    void shouldMoveMessagesToDeadLetterQueueAfterThreeReceivesWhenQueueHasRedrive() {
        List<JsonNode> redrives = template.resourcesOfType("AWS::SQS::Queue").values().stream()
                .map(queue -> queue.path("Properties").path("RedrivePolicy"))
                .filter(redrive -> !redrive.isMissingNode())
                .toList();

        assertThat(redrives).hasSize(5).allSatisfy(redrive ->
                assertThat(redrive.path("maxReceiveCount").asInt()).isEqualTo(3));
    }

    @Test
    void shouldRouteHandoffAndDisconnectedStatusChangesWhenRulesAreDeclared() {
        assertThat(pattern("HandoffStatusRule"))
                .isEqualTo("{\"source\":[{\"Ref\":\"EventSource\"}],\"detail-type\":[\"SessionStatusChanged\"],"
                        + "\"detail\":{\"newStatus\":[\"handoff\"]}}");
        assertThat(pattern("DisconnectedStatusRule"))
                .isEqualTo("{\"source\":[{\"Ref\":\"EventSource\"}],\"detail-type\":[\"SessionStatusChanged\"],"
                        + "\"detail\":{\"newStatus\":[\"disconnected\"]}}");
        assertThat(Intrinsics.getAtt(properties("SessionEventArchive").path("SourceArn")))
                .contains(List.of("SessionEventBus", "Arn"));
    }

    @Test
    void shouldCreateMonitorOnlyWhenImageIsGiven() {
        List<String> monitorResources = List.of("MonitorCluster", "MonitorLogGroup", "MonitorExecutionRole",
                "MonitorTaskRole", "MonitorTaskDefinition", "MonitorService", "HotKeyAlarm");

        assertThat(template.conditions().get("CreateMonitor").toString())
                .isEqualTo("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"MonitorImageUri\"},\"\"]}]}");
        assertThat(monitorResources).allSatisfy(id -> assertThat(template.conditionOf(id)).contains("CreateMonitor"));
        assertThat(properties("MonitorTaskDefinition").path("NetworkMode").asText()).isEqualTo("awsvpc");
    }

    @Test
    void shouldPassOnlyGivenNetworkIdsAndRequireSubnetsWhenMonitorIsCreated() {
        // GIVEN the monitor's network configuration and the template's rules
        JsonNode network = properties("MonitorService").path("NetworkConfiguration").path("AwsvpcConfiguration");
        JsonNode rule = template.section("Rules").path("MonitorNeedsSubnets");

        // THEN an empty list parameter ([""]) never reaches ECS, and a monitor without subnets fails the change set
        assertThat(network.path("Subnets").toString()).isEqualTo(
                "{\"Fn::If\":[\"HasMonitorSubnets\",{\"Ref\":\"MonitorSubnetIds\"},{\"Ref\":\"AWS::NoValue\"}]}");
        assertThat(network.path("SecurityGroups").toString()).isEqualTo("{\"Fn::If\":[\"HasMonitorSecurityGroups\","
                + "{\"Ref\":\"MonitorSecurityGroupIds\"},{\"Ref\":\"AWS::NoValue\"}]}");
        assertThat(template.conditions().get("HasMonitorSubnets").toString())
                .isEqualTo("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Fn::Join\":[\"\",{\"Ref\":\"MonitorSubnetIds\"}]},\"\"]}]}");
        assertThat(rule.path("RuleCondition")).isEqualTo(template.conditions().get("CreateMonitor"));
        assertThat(rule.path("Assertions").get(0).path("Assert").toString())
                .isEqualTo("{\"Fn::Not\":[{\"Fn::Contains\":[{\"Ref\":\"MonitorSubnetIds\"},\"\"]}]}");
    }

    @Test
    void shouldGrantKclItsThreeTablesAndNamespacedMetricsWhenMonitorRoleIsDeclared() {
        List<PolicyStatements.Located> statements = PolicyStatements.of(template).stream()
                .filter(s -> s.path().startsWith("Resources.MonitorTaskRole.Properties.Policies")).toList();

        assertThat(statements).filteredOn(s -> s.sid().equals("KclLeaseTables")).singleElement().satisfies(s ->
                assertThat(Renderings.of(s.statement().path("Resource"))).allSatisfy(arn ->
                        assertThat(arn).startsWith("arn:«AWS__Partition»:dynamodb:«AWS__Region»:«AWS__AccountId»:table/"
                                + "«MonitorApplicationName»"))
                        .extracting(arn -> arn.substring(arn.indexOf('»', arn.indexOf("table/")) + 1))
                        .containsExactly("", "-WorkerMetricStats", "-CoordinatorState"));
        assertThat(statements).filteredOn(s -> s.sid().equals("PublishMetricsRequiresWildcard")).singleElement()
                .satisfies(s -> assertThat(s.statement().path("Condition").path("StringEquals")
                        .path("cloudwatch:namespace").toString()).contains("{\"Ref\":\"MetricNamespace\"}"));
    }

    @Test
    void shouldAlarmOnRouterAgeAndErrorsThroughItsAliasWhenAlarmsAreDeclared() {
        JsonNode age = properties("RouterIteratorAgeAlarm");

        assertThat(age.path("MetricName").asText()).isEqualTo("IteratorAge");
        assertThat(age.path("Statistic").asText()).isEqualTo("Maximum");
        assertThat(template.resolveScalar(age.path("Threshold"))).contains("60000");
        assertThat(age.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
        assertThat(age.path("Dimensions").findValues("Name")).extracting(JsonNode::asText)
                .containsExactly("FunctionName", "Resource");
        assertThat(properties("RouterErrorsAlarm").path("MetricName").asText()).isEqualTo("Errors");
        assertThat(properties("HotKeyAlarm").path("MetricName").asText()).isEqualTo("HotKeyCount");
        assertThat(template.resolveScalar(properties("HotKeyAlarm").path("Namespace"))).contains("streampipe/HotKeys");
    }

    private static String pattern(String rule) {
        return properties(rule).path("EventPattern").toString();
    }

    private static JsonNode properties(String logicalId) {
        return template.resources().get(logicalId).path("Properties");
    }
}

package dev.streampipe.system.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.check.internal.CfnTemplate;
import dev.streampipe.check.internal.Intrinsics;
import dev.streampipe.check.internal.PolicyStatements;
import dev.streampipe.check.internal.Renderings;
import dev.streampipe.check.internal.ServerlessFunction;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The two functions as the issue specifies them, and the environment contract of COMMON.md. */
class TemplateFunctionsTest {
    private static CfnTemplate template;

    @BeforeAll
    static void readTemplate() {
        template = ProjectFiles.template();
    }

    @Test
    void shouldPublishSnapStartAliasWithJsonLogsWhenRouterIsDeclared() {
        JsonNode router = properties("RouterFunction");

        assertThat(router.path("CodeUri").asText()).isEqualTo("router-function");
        assertThat(router.path("Handler").asText()).isEqualTo("dev.streampipe.router.RouterHandler::handleRequest");
        assertThat(router.path("Runtime").asText()).isEqualTo("java25");
        assertThat(router.path("SnapStart").path("ApplyOn").asText()).isEqualTo("PublishedVersions");
        assertThat(router.path("AutoPublishAlias").asText()).isNotBlank();
        assertThat(router.path("LoggingConfig").path("LogFormat").asText()).isEqualTo("JSON");
        assertThat(Intrinsics.getAtt(router.path("Role"))).contains(List.of("RouterRole", "Arn"));
    }

    @Test
    void shouldTuneStreamMappingWithinLambdaLimitsWhenRouterReadsSessionStream() {
        JsonNode mapping = properties("RouterFunction").path("Events").path("SessionStream");
        JsonNode settings = mapping.path("Properties");

        assertThat(mapping.path("Type").asText()).isEqualTo("DynamoDB");
        assertThat(Intrinsics.getAtt(settings.path("Stream"))).contains(List.of("SessionTable", "StreamArn"));
        assertThat(Renderings.of(settings.path("FunctionResponseTypes"))).containsExactly("ReportBatchItemFailures");
        assertThat(settings.path("BisectBatchOnFunctionError").asBoolean()).isTrue();
        assertThat(number(settings.path("BatchSize"))).isBetween(1L, 10_000L);
        assertThat(number(settings.path("MaximumBatchingWindowInSeconds"))).isBetween(0L, 300L);
        assertThat(number(settings.path("ParallelizationFactor"))).isBetween(1L, 10L);
        assertThat(number(settings.path("MaximumRetryAttempts"))).isBetween(-1L, 10_000L);
        long maxAge = number(settings.path("MaximumRecordAgeInSeconds"));
        assertThat(maxAge == -1 || maxAge >= 60 && maxAge <= 604_800).as("MaximumRecordAgeInSeconds " + maxAge).isTrue();
        assertThat(Intrinsics.referencedNames(settings.path("DestinationConfig").path("OnFailure").path("Destination")))
                .containsExactly("OnFailureQueue");
    }

    @Test
    void shouldInvokeSummaryAsynchronouslyWithFailureDestinationWhenSummaryIsDeclared() {
        JsonNode summary = properties("SummaryFunction");
        JsonNode invoke = summary.path("EventInvokeConfig");

        assertThat(summary.path("CodeUri").asText()).isEqualTo("summary-function");
        assertThat(summary.path("Handler").asText()).isEqualTo("dev.streampipe.summary.SummaryHandler::handleRequest");
        assertThat(summary.path("Runtime").asText()).isEqualTo("java21");
        assertThat(summary.path("LoggingConfig").path("LogFormat").asText()).isEqualTo("JSON");
        assertThat(number(invoke.path("MaximumRetryAttempts"))).isBetween(0L, 2L);
        assertThat(Intrinsics.referencedNames(invoke.path("DestinationConfig").path("OnFailure").path("Destination")))
                .containsExactly("OnFailureQueue");
    }

    @Test
    void shouldGrantBedrockOnlyWhenModelIdIsGiven() {
        JsonNode policy = template.resources().get("SummaryBedrockPolicy");

        assertThat(template.resolveScalar(template.parameters().get("BedrockModelId").path("Default"))).contains("");
        assertThat(policy.path("Condition").asText()).isEqualTo("UseBedrock");
        assertThat(template.conditions().get("UseBedrock").toString())
                .isEqualTo("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"BedrockModelId\"},\"\"]}]}");
        assertThat(Renderings.of(policy.path("Properties").path("PolicyDocument").path("Statement").get(0)
                .path("Action"))).containsExactly("bedrock:InvokeModel");
    }

    @Test
    void shouldLimitSummaryTableAccessToReadWindowAndPutSummaryWhenRoleIsDeclared() {
        var statements = PolicyStatements.of(template).stream()
                .filter(s -> s.path().startsWith("Resources.SummaryRole.Properties.Policies"))
                .filter(s -> Renderings.of(s.statement().path("Action")).stream().anyMatch(a -> a.startsWith("dynamodb:")))
                .toList();

        assertThat(statements).singleElement().satisfies(s -> {
            assertThat(Renderings.of(s.statement().path("Action")))
                    .containsExactlyInAnyOrder("dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem");
            assertThat(Renderings.of(s.statement().path("Resource"))).containsExactly("«SessionTable.Arn»");
        });
    }

    @Test
    void shouldPassExactlyTheAgreedEnvironmentWhenFunctionsAndMonitorStart() {
        assertThat(keys(properties("RouterFunction").path("Environment").path("Variables"))).containsExactly(
                "ANALYTICS_DELIVERY_STREAM", "DEAD_LETTER_QUEUE_URL", "EVENT_BUS_NAME", "EVENT_SOURCE",
                "HANDOFF_TOPIC_ARN", "LEDGER_TABLE_NAME", "LEDGER_TTL_HOURS", "METRIC_NAMESPACE", "PARTITION_KEY_NAME", "SORT_KEY_NAME",
                "STATE_TABLE_NAME", "SUMMARY_FUNCTION_NAME", "SUMMARY_INTERVAL");
        assertThat(keys(properties("SummaryFunction").path("Environment").path("Variables"))).containsExactly(
                "BEDROCK_MAX_TOKENS", "BEDROCK_MODEL_ID", "BEDROCK_TEMPERATURE", "PARTITION_KEY_NAME",
                "SORT_KEY_NAME", "SUMMARY_CONCURRENCY", "SUMMARY_INTERVAL", "SUMMARY_TTL_DAYS", "TABLE_NAME");
        Set<String> monitor = new TreeSet<>();
        properties("MonitorTaskDefinition").path("ContainerDefinitions").get(0).path("Environment")
                .forEach(variable -> monitor.add(variable.path("Name").asText()));
        assertThat(monitor).containsExactly("ALERT_TOPIC_ARN", "APPLICATION_NAME", "HOT_KEY_WCU_PER_SECOND",
                "METRIC_NAMESPACE", "STREAM_ARN");
    }

    @Test
    void shouldDefaultEnvironmentToAgreedValuesWhenParametersAreNotOverridden() {
        JsonNode router = properties("RouterFunction").path("Environment").path("Variables");
        JsonNode summary = properties("SummaryFunction").path("Environment").path("Variables");

        assertThat(template.resolveScalar(router.path("EVENT_SOURCE"))).contains("streampipe.sessions");
        assertThat(template.resolveScalar(router.path("LEDGER_TTL_HOURS"))).contains("48");
        assertThat(template.resolveScalar(router.path("SUMMARY_INTERVAL"))).contains("10");
        assertThat(template.resolveScalar(router.path("PARTITION_KEY_NAME"))).contains("PK");
        assertThat(template.resolveScalar(router.path("SORT_KEY_NAME"))).contains("SK");
        assertThat(template.resolveScalar(summary.path("SUMMARY_TTL_DAYS"))).contains("30");
        assertThat(template.resolveScalar(summary.path("BEDROCK_MAX_TOKENS"))).contains("512");
        assertThat(template.resolveScalar(summary.path("BEDROCK_TEMPERATURE"))).contains("0.2");
        assertThat(template.resolveScalar(template.parameters().get("MetricNamespace").path("Default")))
                .contains("streampipe/HotKeys");
    }

    @Test
    void shouldListBothFunctionsWhenTheProjectTemplateIsRead() {
        // WHEN
        List<ServerlessFunction> functions = ServerlessFunction.all(ProjectFiles.template());

        // THEN
        assertThat(functions).extracting(ServerlessFunction::logicalId, ServerlessFunction::codeUri,
                        ServerlessFunction::handlerClass)
                .containsExactly(
                        tuple("RouterFunction", "router-function",
                                "dev.streampipe.router.RouterHandler"),
                        tuple("SummaryFunction", "summary-function",
                                "dev.streampipe.summary.SummaryHandler"));
    }

    private static JsonNode properties(String logicalId) {
        return template.resources().get(logicalId).path("Properties");
    }

    private static long number(JsonNode value) {
        return Long.parseLong(template.resolveScalar(value).orElseThrow(() ->
                new AssertionError("no literal or parameter default for " + value)));
    }

    private static Set<String> keys(JsonNode object) {
        Set<String> keys = new TreeSet<>();
        object.properties().forEach(e -> keys.add(e.getKey()));
        return keys;
    }
}

package dev.streampipe.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.streampipe.check.internal.TemplateInput;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * {@code check} on three public SAM templates with DynamoDB stream consumers (the facts they contain, kept in
 * {@code src/test/resources/check/public/}, each naming its source).
 */
class PublicTemplatesTest {

    private static CheckReport check(String name) throws URISyntaxException {
        Path file = Path.of(Objects.requireNonNull(PublicTemplatesTest.class.getResource("/check/public/" + name)).toURI());
        return Checker.check(name, TemplateInput.read(file), CheckConfig.defaults());
    }


    @Test
    void shouldFindSixWritersOnTheCartTableWhenCheckingShoppingCartService() throws URISyntaxException {
        // GIVEN aws-samples/aws-serverless-shopping-cart backend/shoppingcart-service.yaml / WHEN
        CheckReport report = check("shopping-cart-service.yaml");

        // THEN the reference's N+1 finding (six code paths write one table) and an unguarded stream mapping
        assertThat(report.findings()).extracting(f -> f.rule().id(), Finding::resources).containsExactly(
                tuple("mapping-without-report-batch-item-failures", java.util.List.of("CartDBStreamHandler.Stream")),
                tuple("mapping-without-on-failure-destination", java.util.List.of("CartDBStreamHandler.Stream")),
                tuple("mapping-unbounded-retries", java.util.List.of("CartDBStreamHandler.Stream")),
                tuple("table-writers-over-threshold", java.util.List.of("CartTable", "AddToCartFunction",
                        "UpdateCartFunction", "MigrateCartFunction", "CheckoutCartFunction", "DeleteFromCartFunction",
                        "CartDBStreamHandler")),
                tuple("function-without-iterator-age-alarm", java.util.List.of("CartDBStreamHandler")),
                tuple("mapping-without-bisect", java.util.List.of("CartDBStreamHandler.Stream")));
        assertThat(report.exitCode(Severity.MEDIUM)).isEqualTo(1);
    }

    @Test
    void shouldFindFanOutAndTwoUnguardedMappingsWhenCheckingEventFilterPattern() throws URISyntaxException {
        // GIVEN serverless-patterns dynamodb-streams-lambda-event-filters: two filtered functions on one stream
        CheckReport report = check("dynamodb-streams-lambda-event-filters.yaml");

        // THEN two readers (at the limit, not over), the fan-out note, and each mapping's missing safeguards
        assertThat(report.readers()).extracting(c -> c.source().key()).containsExactly("DynamoDBTable", "DynamoDBTable");
        assertThat(report.findings()).extracting(f -> f.rule().id()).containsExactly(
                "mapping-without-report-batch-item-failures", "mapping-without-report-batch-item-failures",
                "mapping-without-on-failure-destination", "mapping-without-on-failure-destination",
                "mapping-unbounded-retries", "mapping-unbounded-retries",
                "function-without-iterator-age-alarm", "function-without-iterator-age-alarm",
                "mapping-without-bisect", "mapping-without-bisect",
                "stream-fan-out");
        assertThat(report.findings()).filteredOn(f -> f.rule() == RuleId.STREAM_FAN_OUT).singleElement()
                .satisfies(f -> assertThat(f.resources()).containsExactly("DynamoDBTable", "putItemTriggerFunction",
                        "deleteItemTriggerFunction"));
    }

    @Test
    void shouldFindTheUnguardedMappingWhenCheckingDynamodbLambdaPatternAsJson() throws URISyntaxException {
        // GIVEN serverless-patterns dynamodb-lambda, as JSON
        CheckReport report = check("dynamodb-lambda.json");

        // THEN
        assertThat(report.findings()).extracting(f -> f.rule().id(), Finding::severity).containsExactly(
                tuple("mapping-without-report-batch-item-failures", Severity.HIGH),
                tuple("mapping-without-on-failure-destination", Severity.HIGH),
                tuple("mapping-unbounded-retries", Severity.HIGH),
                tuple("function-without-iterator-age-alarm", Severity.MEDIUM),
                tuple("mapping-without-bisect", Severity.LOW));
    }
}

package dev.streampipe.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.RetryableSinkException;
import dev.streampipe.core.state.GroupKey;
import dev.streampipe.core.state.StoreSpec;
import dev.streampipe.testing.AdvancingSleeper;
import dev.streampipe.testing.ManualClock;
import dev.streampipe.testing.aws.DynamoDbCall;
import dev.streampipe.testing.aws.DynamoDbLoopback;
import dev.streampipe.testing.aws.DynamoDbStub;
import dev.streampipe.testing.aws.RecordedCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@link DynamoDbStateStore} on the wire, against the loopback DynamoDB endpoint's scripted faults: what is retried
 * (throttling, transaction conflicts, 5xx), how often, and what is not.
 */
class DynamoDbStateStoreWireIT {
    private static final String TABLE = "orders-state";
    private static final StoreSpec BY_STATUS = new StoreSpec("by-status", List.of("count"), null, 1);
    private static final Map<GroupKey, long[]> BATCH = new TreeMap<>(Map.of(
            GroupKey.of("by-status", "new"), new long[] {3},
            GroupKey.of("by-status", "paid"), new long[] {2},
            GroupKey.of("by-status", "shipped"), new long[] {1}));

    private final ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
    private final AdvancingSleeper sleeper = new AdvancingSleeper(clock);
    private DynamoDbLoopback ddb;
    private DynamoDbClient client;
    private DynamoDbStateStore store;

    @BeforeEach
    void start() {
        ddb = DynamoDbLoopback.start();
        client = ddb.client(DynamoDbClient.builder());
        store = new DynamoDbStateStore(client, TABLE, List.of(BY_STATUS), clock, RetryPolicy.DEFAULT, sleeper,
                new Random(42), Runnable::run);
    }

    @AfterEach
    void stop() {
        client.close();
        ddb.close();
    }

    private DynamoDbStub dynamoDb() {
        return ddb.dynamoDb();
    }

    /** The ADDs of an accepted TransactWriteItems: {@code <value item key> <delta>} (in chunk order). */
    private static List<String> adds(DynamoDbCall call) {
        List<String> out = new ArrayList<>();
        for (JsonNode item : call.request().path("TransactItems")) {
            JsonNode update = item.path("Update");
            if (!update.isMissingNode()) {
                out.add(update.path("Key").path("PK").path("S").asText() + " "
                        + update.path("ExpressionAttributeValues").path(":d0").path("N").asText());
            }
        }
        return out;
    }

    private List<DynamoDbCall> acceptedTransactions() {
        return dynamoDb().calls("TransactWriteItems").stream().filter(c -> c.failure().isEmpty())
                .map(c -> c.entries().get(0)).toList();
    }

    @Test
    void shouldRetryAndApplyOnceWhenTransactWriteItemsIsThrottledTwice() {
        // GIVEN DynamoDB throttling the batch's transaction twice
        dynamoDb().failOperation("TransactWriteItems", 2, "ThrottlingException");

        // WHEN the batch is applied
        store.apply("batch-1", BATCH);

        // THEN the third attempt went through, after two jittered waits; the values were added in it only, once
        assertThat(dynamoDb().calls("TransactWriteItems")).hasSize(3);
        assertThat(acceptedTransactions()).singleElement().satisfies(c -> assertThat(adds(c)).containsExactlyInAnyOrder(
                "v#by-status#-#new#0 3", "v#by-status#-#paid#0 2", "v#by-status#-#shipped#0 1"));
        assertThat(sleeper.sleeps()).isEqualTo(2);
        assertThat(store.calls()).containsEntry("TransactWriteItems", 3L).containsEntry("BatchGetItem", 1L);
        assertThat(ddb.unexpected()).isEmpty();
    }

    @Test
    void shouldFailRetryablyNamingTheTableWhenTransactWriteItemsStaysThrottled() {
        // GIVEN DynamoDB throttling every transaction
        dynamoDb().failOperation("TransactWriteItems", DynamoDbStub.ALWAYS, "ThrottlingException");

        // WHEN / THEN the batch fails retryably (the engine asks for it again) after the policy's attempts
        assertThatThrownBy(() -> store.apply("batch-1", BATCH)).isInstanceOf(RetryableSinkException.class)
                .hasMessageContaining(TABLE).hasMessageContaining("ThrottlingException")
                .hasMessageContaining("5 times");
        assertThat(dynamoDb().calls("TransactWriteItems")).hasSize(RetryPolicy.DEFAULT.maxAttempts());
        assertThat(acceptedTransactions()).isEmpty();
    }

    @Test
    void shouldRetryAndApplyOnceWhenTheTransactionConflictsOnce() {
        // GIVEN the batch's transaction cancelled once for a conflict on one of its items
        dynamoDb().cancelTransactions(1, List.of("None", "TransactionConflict", "None", "None"));

        // WHEN the batch is applied
        store.apply("batch-1", BATCH);

        // THEN it was made again after one wait, and went through once
        assertThat(dynamoDb().calls("TransactWriteItems")).hasSize(2);
        assertThat(acceptedTransactions()).singleElement()
                .satisfies(c -> assertThat(adds(c)).hasSize(3));
        assertThat(sleeper.sleeps()).isEqualTo(1);
        assertThat(ddb.unexpected()).isEmpty();
    }

    @Test
    void shouldFailRetryablyNamingTheReasonWhenEveryAttemptConflicts() {
        // GIVEN every transaction cancelled for a conflict
        dynamoDb().cancelTransactions(DynamoDbStub.ALWAYS, List.of("TransactionConflict", "None", "None", "None"));

        // WHEN / THEN
        assertThatThrownBy(() -> store.apply("batch-1", BATCH)).isInstanceOf(RetryableSinkException.class)
                .hasMessageContaining(TABLE).hasMessageContaining("TransactionConflict");
        assertThat(dynamoDb().calls("TransactWriteItems")).hasSize(RetryPolicy.DEFAULT.maxAttempts());
    }

    @Test
    void shouldReadTheReceiptThenWriteAgainWhenACancellationDoesNotReturnTheOldReceipt() {
        // GIVEN the batch's transaction cancelled once on the receipt's condition, without the old receipt (as an
        // endpoint that ignores ReturnValuesOnConditionCheckFailure would answer)
        dynamoDb().cancelTransactions(1, List.of("ConditionalCheckFailed", "None", "None", "None"));

        // WHEN the batch is applied
        store.apply("batch-1", BATCH);

        // THEN the other chunks were written again at once, that chunk after its receipt was read (none): each value
        // added once, every receipt put as a first delivery's, and no wait
        assertThat(dynamoDb().calls("TransactWriteItems")).hasSize(3);
        assertThat(dynamoDb().calls("BatchGetItem")).hasSize(2);
        assertThat(acceptedTransactions().stream().flatMap(c -> adds(c).stream())).containsExactlyInAnyOrder(
                "v#by-status#-#new#0 3", "v#by-status#-#paid#0 2", "v#by-status#-#shipped#0 1");
        assertThat(acceptedTransactions()).hasSize(2).allSatisfy(c -> assertThat(c.request().path("TransactItems"))
                .filteredOn(i -> i.has("Put")).allSatisfy(i -> assertThat(i.path("Put").path("ConditionExpression")
                        .asText()).isEqualTo("attribute_not_exists(#pk)")));
        assertThat(sleeper.sleeps()).isZero();
    }

    @Test
    void shouldRetryWhenReadingTheReceiptsFailsWithA5xx() {
        // GIVEN the read of the untouched chunks' receipts failing once with HTTP 500 (ServiceUnavailable)
        dynamoDb().failOperation("BatchGetItem", 1, "ServiceUnavailable");

        // WHEN the batch is applied
        store.apply("batch-1", BATCH);

        // THEN the read was made again; the transaction once
        assertThat(dynamoDb().calls("BatchGetItem")).hasSize(2);
        assertThat(acceptedTransactions()).hasSize(1);
    }

    @Test
    void shouldFailAtOnceNotRetryablyWhenDynamoDbRejectsTheRequest() {
        // GIVEN DynamoDB rejecting the transaction as invalid
        dynamoDb().failOperation("TransactWriteItems", DynamoDbStub.ALWAYS, "ValidationException");

        // WHEN / THEN the failure is not retryable (the engine fails the batch) and was not retried
        assertThatThrownBy(() -> store.apply("batch-1", BATCH)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(TABLE).hasMessageContaining("ValidationException");
        assertThat(dynamoDb().calls("TransactWriteItems")).hasSize(1);
        assertThat(sleeper.sleeps()).isZero();
    }

    @Test
    void shouldSendTheReceiptOnConditionItIsNewAndAskForTheOldOneWhenItIsNot() {
        // WHEN a batch is applied on a table with no receipt
        store.apply("batch-1", BATCH);

        // THEN the receipt is put on condition it does not exist, returning the old one if it does; the read asks,
        // strongly consistent, for the 29 or more other chunks' receipts
        JsonNode put = acceptedTransactions().get(0).request().path("TransactItems").get(0).path("Put");
        assertThat(put.path("ConditionExpression").asText()).isEqualTo("attribute_not_exists(#pk)");
        assertThat(put.path("ReturnValuesOnConditionCheckFailure").asText()).isEqualTo("ALL_OLD");
        assertThat(put.path("Item").path("PK").path("S").asText()).startsWith("r#batch-1#");
        assertThat(put.path("Item").path("expires_at").path("N").asLong())
                .isEqualTo(clock.instant().plusSeconds(25 * 3600).getEpochSecond());
        RecordedCall<DynamoDbCall> read = dynamoDb().calls("BatchGetItem").get(0);
        JsonNode keys = read.entries().get(0).request().path("RequestItems").path(TABLE);
        assertThat(keys.path("ConsistentRead").asBoolean()).isTrue();
        assertThat(keys.path("Keys").size()).isBetween(29, 31);
    }
}

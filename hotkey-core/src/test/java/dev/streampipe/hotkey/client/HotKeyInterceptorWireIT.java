package dev.streampipe.hotkey.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.testing.aws.DynamoDbLoopback;
import dev.streampipe.testing.aws.DynamoDbStub.ThrottlingReason;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The interceptor on a real {@link DynamoDbClient} against the loopback DynamoDB endpoint. */
class HotKeyInterceptorWireIT {

    private static final String TABLE = "sessions";

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final CallRecorder recording = new CallRecorder() {
        @Override
        public void write(String table, String key, double wcu) {
            events.add("write " + table + " " + key + " " + wcu);
        }

        @Override
        public void read(String table, String key, double rcu) {
            events.add("read " + table + " " + key + " " + rcu);
        }

        @Override
        public void throttled(String table, String key, List<String> reasons) {
            events.add("throttled " + table + " " + key + " " + reasons);
        }

        @Override
        public void interceptorFailed(String operation, Throwable failure) {
            events.add("failed " + operation + " " + failure.getMessage());
        }
    };

    private DynamoDbLoopback ddb;
    private DynamoDbClient client;

    @BeforeEach
    void start() {
        ddb = DynamoDbLoopback.start();
        client = clientWith(new HotKeyInterceptor(new KeySchemas(Map.of(TABLE, "PK")), recording));
    }

    @AfterEach
    void stop() {
        client.close();
        assertThat(ddb.unexpected()).isEmpty();
        ddb.close();
    }

    @Test
    void shouldAttributeSingleItemCallsWithUnitsFromItemSizeWhenNoConsumedCapacity() {
        // GIVEN answers without ConsumedCapacity: a 5,000-byte item for GetItem, a returned old item for DeleteItem
        ddb.dynamoDb().answer("GetItem", "{\"Item\": {\"PK\": {\"S\": \"SESSION#1\"}, \"body\": {\"S\": \"" + "x".repeat(4_994) + "\"}}}");
        ddb.dynamoDb().answer("DeleteItem", "{\"Attributes\": {\"PK\": {\"S\": \"SESSION#4\"}, \"b\": {\"S\": \"" + "y".repeat(1_500) + "\"}}}");

        // WHEN each single-item operation is called once
        client.getItem(b -> b.tableName(TABLE).key(key("SESSION#1", "META")));                       // eventual
        client.getItem(b -> b.tableName(TABLE).key(key("SESSION#1", "META")).consistentRead(true));  // strong
        client.putItem(b -> b.tableName(TABLE).item(Map.of("PK", s("SESSION#2"), "SK", s("T"), "body", s("z".repeat(2_500)))));
        client.updateItem(b -> b.tableName(TABLE).key(key("SESSION#3", "META")).updateExpression("SET n = :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("1"))));
        client.deleteItem(b -> b.tableName(TABLE).key(key("SESSION#4", "META")).returnValues("ALL_OLD"));

        // THEN 5,000 B eventual = 2 × 4 KB × 0.5 = 1 RCU; strong = 2 RCU; put 2,500 B + names = 3 WCU;
        // update sized on key + values (< 1 KB) = 1 WCU; delete on the returned 1.5 KB item = 2 WCU
        assertThat(events).containsExactly(
                "read sessions SESSION#1 1.0",
                "read sessions SESSION#1 2.0",
                "write sessions SESSION#2 3.0",
                "write sessions SESSION#3 1.0",
                "write sessions SESSION#4 2.0");
    }

    @Test
    void shouldPreferConsumedCapacityWhenTheCallReturnedIt() {
        // GIVEN GetItem returns TOTAL capacity 7.5, PutItem returns INDEXES capacity (table 2 of total 5)
        ddb.dynamoDb().answer("GetItem", "{\"Item\": {\"PK\": {\"S\": \"A\"}}, \"ConsumedCapacity\": {\"TableName\": \"sessions\", \"CapacityUnits\": 7.5}}");
        ddb.dynamoDb().answer("PutItem", "{\"ConsumedCapacity\": {\"TableName\": \"sessions\", \"CapacityUnits\": 5.0, \"Table\": {\"CapacityUnits\": 2.0}}}");

        // WHEN the calls ask for it
        client.getItem(b -> b.tableName(TABLE).key(key("A", "META")).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        client.putItem(b -> b.tableName(TABLE).item(key("B", "META")).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));

        // THEN DynamoDB's figures win over the size estimates (0.5 RCU, 1 WCU); INDEXES counts the table's own units
        assertThat(events).containsExactly("read sessions A 7.5", "write sessions B 2.0");
    }

    @Test
    void shouldAttributeBatchAndTransactionEntriesPerKeyWhenCalled() {
        // GIVEN BatchGetItem returns two items with 3 RCU for the table; BatchWriteItem leaves one put unprocessed
        ddb.dynamoDb().answer("BatchGetItem", "{\"Responses\": {\"sessions\": ["
                + "{\"PK\": {\"S\": \"A\"}, \"b\": {\"S\": \"" + "x".repeat(5_000) + "\"}}, {\"PK\": {\"S\": \"B\"}}]},"
                + "\"ConsumedCapacity\": [{\"TableName\": \"sessions\", \"CapacityUnits\": 3.0}]}");
        WriteRequest left = put("D");
        ddb.dynamoDb().answer("BatchWriteItem", "{\"UnprocessedItems\": {\"sessions\": [{\"PutRequest\": {\"Item\": "
                + "{\"PK\": {\"S\": \"D\"}, \"SK\": {\"S\": \"META\"}}}}]}}");
        ddb.dynamoDb().answer("TransactGetItems", "{\"Responses\": [{\"Item\": {\"PK\": {\"S\": \"E\"}}}]}");

        // WHEN one of each is called
        client.batchGetItem(b -> b.requestItems(Map.of(TABLE, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes
                .builder().keys(key("A", "META"), key("B", "META")).build())));
        client.batchWriteItem(b -> b.requestItems(Map.of(TABLE, List.of(put("C"), left))));
        client.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(TABLE).item(key("F", "META")).build()).build(),
                TransactWriteItem.builder().delete(Delete.builder().tableName(TABLE).key(key("G", "META")).build()).build()));
        client.transactGetItems(b -> b.transactItems(
                TransactGetItem.builder().get(Get.builder().tableName(TABLE).key(key("E", "META")).build()).build()));

        // THEN the batch's 3 RCU split by computed units (A: 2 blocks × 0.5 = 1, B: 0.5 → 2 and 1);
        // the unprocessed put D is not counted; transactions cost double (2 WCU, 2 RCU per started unit)
        assertThat(events).containsExactly(
                "read sessions A 2.0", "read sessions B 1.0",
                "write sessions C 1.0",
                "write sessions F 2.0", "write sessions G 2.0",
                "read sessions E 2.0");
    }

    @Test
    void shouldAttributeQueryToItsKeyConditionAndScanToTheTableWhenCalled() {
        // GIVEN a query page of three 4,000-byte items and a scan page of one small item
        String item = "{\"PK\": {\"S\": \"SESSION#9\"}, \"b\": {\"S\": \"" + "q".repeat(3_990) + "\"}}";
        ddb.dynamoDb().answer("Query", "{\"Items\": [" + item + "," + item + "," + item + "], \"Count\": 3}");
        ddb.dynamoDb().answer("Scan", "{\"Items\": [{\"PK\": {\"S\": \"X\"}}], \"Count\": 1}");

        // WHEN the summary function's query shape and a scan run
        client.query(b -> b.tableName(TABLE).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#pk", "PK", "#sk", "SK"))
                .expressionAttributeValues(Map.of(":pk", s("SESSION#9"), ":from", s("TURN#1"), ":to", s("TURN#9"))));
        client.scan(b -> b.tableName(TABLE));

        // THEN the page is billed once on its total: 3 × ~4,007 B = 12,021 B → 3 × 4 KB, strong = 3 RCU;
        // the scan (0.5 RCU, eventual) counts for the table with no key
        assertThat(events).containsExactly("read sessions SESSION#9 3.0", "read sessions null 0.5");
    }

    @Test
    void shouldCountThrottleWithItsReasonsWhenDynamoDbThrottles() {
        // GIVEN the next PutItem is throttled on a hot key range
        ddb.dynamoDb().throttleWithReasons(1, "ProvisionedThroughputExceededException", List.of(new ThrottlingReason(
                "TableWriteKeyRangeThroughputExceeded", "arn:aws:dynamodb:us-east-1:123456789012:table/sessions")));

        // WHEN the application writes, THEN its call fails as DynamoDB said, with the typed reasons
        assertThatThrownBy(() -> client.putItem(b -> b.tableName(TABLE).item(key("HOT", "META"))))
                .isInstanceOfSatisfying(ProvisionedThroughputExceededException.class, e -> assertThat(e.throttlingReasons())
                        .extracting(software.amazon.awssdk.services.dynamodb.model.ThrottlingReason::reason)
                        .containsExactly("TableWriteKeyRangeThroughputExceeded"));

        // AND the interceptor counted it against the key with its reason
        assertThat(events).containsExactly("throttled sessions HOT [TableWriteKeyRangeThroughputExceeded]");
    }

    @Test
    void shouldNeverFailTheApplicationsCallWhenTheInterceptorFails() {
        // GIVEN an interceptor whose recording throws
        CallRecorder broken = new CallRecorder() {
            @Override
            public void write(String table, String key, double wcu) {
                throw new IllegalStateException("recorder broke");
            }

            @Override
            public void read(String table, String key, double rcu) {
                throw new NoSuchMethodError("an SDK mismatch");
            }

            @Override
            public void throttled(String table, String key, List<String> reasons) {
            }

            @Override
            public void interceptorFailed(String operation, Throwable failure) {
                recording.interceptorFailed(operation, failure);
            }
        };
        try (DynamoDbClient failing = clientWith(new HotKeyInterceptor(new KeySchemas(Map.of()), broken))) {
            ddb.dynamoDb().answer("PutItem", "{\"Attributes\": {\"PK\": {\"S\": \"OLD\"}}}");

            // WHEN the application writes and reads
            var put = failing.putItem(b -> b.tableName(TABLE).item(key("K", "META")).returnValues("ALL_OLD"));
            var got = failing.getItem(b -> b.tableName(TABLE).key(key("K", "META")));

            // THEN both calls return DynamoDB's answers; the failures were reported by operation name
            assertThat(put.attributes()).containsKey("PK");
            assertThat(got).isNotNull();
            assertThat(events).containsExactly("failed PutItem recorder broke", "failed GetItem an SDK mismatch");
        }
    }

    @Test
    void shouldFeedTheDetectorWhenInstrumentedInOneLine() {
        // GIVEN a detector with a 1 WCU/s table threshold, added to a client builder in one line
        try (ClientHotKeyDetector detector = ClientHotKeyDetector.builder()
                .partitionKey(TABLE, "PK").tableThresholds(TABLE, dev.streampipe.hotkey.Threshold.ofWcu(1)).build();
             DynamoDbClient instrumented = ddb.configure(detector.instrument(DynamoDbClient.builder())).build()) {

            // WHEN the application writes one key three times
            for (int i = 0; i < 3; i++) {
                instrumented.putItem(b -> b.tableName(TABLE).item(key("SESSION#7", "TURN#" + System.nanoTime())));
            }

            // THEN the detector counts its writes (admission floor 1 WCU: exact from the first)
            assertThat(detector.writeCount(TABLE, "SESSION#7")).isEqualTo(3);
            assertThat(detector.interceptorFailures()).isZero();
        }
    }

    private DynamoDbClient clientWith(HotKeyInterceptor interceptor) {
        return ddb.configure(DynamoDbClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(interceptor)
                        .retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static WriteRequest put(String pk) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(key(pk, "META")).build()).build();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("PK", s(pk), "SK", s(sk));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}

package dev.streampipe.bench.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.testing.aws.DynamoDbCall;
import dev.streampipe.testing.aws.RecordedCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostBillingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldBillFirehoseRecordsInFiveKilobyteIncrementsWhenRecordsAreSmallOrJustOver() {
        assertThat(Billing.firehoseBilledBytes(1)).isEqualTo(5_120);
        assertThat(Billing.firehoseBilledBytes(5_120)).isEqualTo(5_120);
        assertThat(Billing.firehoseBilledBytes(5_121)).isEqualTo(10_240);
        assertThat(Billing.firehoseBilledBytes(42 * 1_024)).isEqualTo(45 * 1_024);
    }

    @Test
    void shouldBillOneRequestPerStartedSixtyFourKilobyteChunk() {
        assertThat(Billing.chunks(0)).isEqualTo(1);
        assertThat(Billing.chunks(65_536)).isEqualTo(1);
        assertThat(Billing.chunks(65_537)).isEqualTo(2);
        assertThat(Billing.chunks(256 * 1_024)).isEqualTo(4);
    }

    @Test
    void shouldRoundDynamoDbUnitsUpWhenItemsCrossTheirBoundaries() {
        assertThat(Billing.writeUnits(0, 1_024)).isEqualTo(1);
        assertThat(Billing.writeUnits(0, 1_025)).isEqualTo(2);
        assertThat(Billing.writeUnits(3_000, 100)).isEqualTo(3);
        assertThat(Billing.readUnits(0, true)).isEqualTo(1.0);
        assertThat(Billing.readUnits(4_097, true)).isEqualTo(2.0);
        assertThat(Billing.readUnits(4_096, false)).isEqualTo(0.5);
        assertThat(Billing.lambdaBilledMillis(1_000_001)).isEqualTo(2);
    }

    @Test
    void shouldMeterAnUpdateOnTheLargerItemWhenTheSetGrowsItPastOneKilobyte() throws Exception {
        // GIVEN a 10-byte item put, then an update that adds a 1,100-byte attribute
        JsonNode put = JSON.readTree("{\"TableName\":\"t\",\"Item\":{\"id\":{\"S\":\"k\"},\"status\":{\"S\":\"IN\"}}}");
        JsonNode update = JSON.readTree("{\"TableName\":\"t\",\"Key\":{\"id\":{\"S\":\"k\"}},"
                + "\"UpdateExpression\":\"SET #d = :d\",\"ExpressionAttributeNames\":{\"#d\":\"data\"},"
                + "\"ExpressionAttributeValues\":{\":d\":{\"S\":\"" + "x".repeat(1_100) + "\"}}}");

        // WHEN the calls are metered
        Usage.Table t = UsageMeter.dynamoDb(List.of(call("PutItem", put), call("UpdateItem", update)),
                Map.of("t", "id")).get("t");

        // THEN the put bills 1 WRU and the update 2 (1,113 bytes after)
        assertThat(t.calls()).isEqualTo(2);
        assertThat(t.writes()).isEqualTo(2);
        assertThat(t.writeUnits()).isEqualTo(3);
    }

    @Test
    void shouldRefuseToMeterAnUpdateExpressionItCannotApply() throws Exception {
        JsonNode update = JSON.readTree("{\"TableName\":\"t\",\"Key\":{\"id\":{\"S\":\"k\"}},"
                + "\"UpdateExpression\":\"ADD #n :one\",\"ExpressionAttributeNames\":{\"#n\":\"n\"}}");

        assertThatThrownBy(() -> UsageMeter.dynamoDb(List.of(call("UpdateItem", update)), Map.of("t", "id")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ADD #n :one");
    }

    private static RecordedCall<DynamoDbCall> call(String operation, JsonNode request) {
        return new RecordedCall<>("DynamoDB", operation, List.of(new DynamoDbCall(operation, request)), null, Map.of());
    }
}

package dev.streampipe.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.batch.EffectKey;
import dev.streampipe.core.batch.Sleeper;
import dev.streampipe.testing.ManualClock;
import dev.streampipe.testing.moto.MotoExtension;
import dev.streampipe.testing.ddb.LedgerTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The effect ledger against moto: batched reads and writes, TTL stamped, beyond one batch's limits. */
class DynamoDbEffectLedgerIT {
    @RegisterExtension
    static final MotoExtension DDB = new MotoExtension();

    private final ManualClock clock = ManualClock.at("2026-11-20T12:00:00Z");
    private final Sleeper noWait = d -> { };

    @Test
    void shouldReportOnlyRecordedEffectsWhenAskedAcrossSeveralBatches() {
        LedgerTable table = DDB.createLedgerTable();
        DynamoDbEffectLedger ledger = new DynamoDbEffectLedger(DDB.client(), table.name(), Duration.ofHours(48), clock, noWait);
        List<EffectKey> recorded = IntStream.range(0, 260).mapToObj(i -> new EffectKey("e" + i, "handoff")).toList();
        List<EffectKey> asked = IntStream.range(200, 330).mapToObj(i -> new EffectKey("e" + i, "handoff")).toList();

        ledger.markCompleted(recorded);

        assertThat(ledger.completed(asked)).containsExactlyInAnyOrderElementsOf(
                IntStream.range(200, 260).mapToObj(i -> new EffectKey("e" + i, "handoff")).toList());
    }

    @Test
    void shouldStampExpiryAtClockPlusTtlWhenRecording() {
        LedgerTable table = DDB.createLedgerTable();
        DynamoDbEffectLedger ledger = new DynamoDbEffectLedger(DDB.client(), table.name(), Duration.ofHours(48), clock, noWait);

        ledger.markCompleted(List.of(new EffectKey("e1", "meta-status")));

        Map<String, AttributeValue> item = DDB.client().getItem(b -> b.tableName(table.name())
                .key(Map.of("PK", AttributeValue.fromS("e1#meta-status")))).item();
        assertThat(Long.parseLong(item.get("expires_at").n()))
                .isEqualTo(clock.instant().plus(Duration.ofHours(48)).getEpochSecond());
    }

    @Test
    void shouldRejectTtlShorterThanStreamRetention() {
        assertThatThrownBy(() -> new DynamoDbEffectLedger(DDB.client(), "x", Duration.ofHours(2), clock, noWait))
                .hasMessageContaining("24h").hasMessageContaining("PT2H");
    }

    @Test
    void shouldFailRetryablyWhenTableIsMissing() {
        DynamoDbEffectLedger ledger = new DynamoDbEffectLedger(DDB.client(), "no-such-ledger", Duration.ofHours(48), clock, noWait);

        assertThatThrownBy(() -> ledger.completed(List.of(new EffectKey("a", "b"))))
                .isInstanceOf(dev.streampipe.core.batch.RetryableSinkException.class)
                .hasMessageContaining("BatchGetItem");
    }
}

package dev.streampipe.examples.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.aws.DynamoDbEffectLedger;
import dev.streampipe.core.batch.EffectKey;
import dev.streampipe.core.batch.Sleeper;
import dev.streampipe.testing.ddb.LedgerTable;
import dev.streampipe.testing.moto.MotoExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The effect ledger's table on moto, as docs/testing.md and docs/deploy.md describe it. */
class LedgerTableIT {
    // tag::moto[]
    @RegisterExtension
    static final MotoExtension MOTO = new MotoExtension(); // one moto server per JVM, reset per test class

    @Test
    void shouldStoreEachEffectKeyWithItsExpiryWhenMarkedCompleted() {
        // GIVEN a ledger table keyed PK, as the template's
        LedgerTable table = MOTO.createLedgerTable();
        DynamoDbEffectLedger ledger = new DynamoDbEffectLedger(MOTO.client(), table.name(), Duration.ofHours(48),
                Clock.systemUTC(), Sleeper.REAL);

        // WHEN an effect is marked completed
        ledger.markCompleted(List.of(new EffectKey("event-1", "reorder-alert")));

        // THEN it is found, with its expiry as epoch seconds
        EffectKey first = new EffectKey("event-1", "reorder-alert");
        assertThat(ledger.completed(List.of(first, new EffectKey("event-2", "reorder-alert"))))
                .containsExactly(first);
        Map<String, AttributeValue> item = MOTO.client().getItem(b -> b.tableName(table.name())
                .key(Map.of("PK", AttributeValue.fromS("event-1#reorder-alert")))).item();
        assertThat(item).containsOnlyKeys("PK", "expires_at");
    }
    // end::moto[]
}

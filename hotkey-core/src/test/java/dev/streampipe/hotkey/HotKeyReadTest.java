package dev.streampipe.hotkey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads beside writes: RCU thresholds, read-only candidates, and the traffic profile the advice reads. */
class HotKeyReadTest {

    private static final String TABLE = "sessions";
    private static final long T0 = 1_700_000_000L;

    @Test
    void shouldAlertOnReadsWhenRcuRateExceedsReadThreshold() {
        // GIVEN an engine whose default threshold allows 800 WCU/s and 300 RCU/s
        HotKeyEngine engine = engine(HotKeyConfig.builder().defaultThreshold(Threshold.ofWcu(800).withRcu(300)).build());
        List<AlertTransition> transitions = new ArrayList<>();

        // WHEN a key is read 400 times a second, strongly consistent 1 KB items (1 RCU each), for 3 s
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 400; i++) {
                engine.recordRead(TABLE, "SESSION#1", ReadUnits.ofSize(1_024, ReadUnits.Consistency.STRONG), at(s, i));
            }
            transitions.addAll(engine.evaluate(at(s + 1, 0)));
        }

        // THEN the key turns HOT on reads alone in its first second: 400 reads less the 29 before
        // its estimate reached the read admission floor (10% of 300 RCU = 60 half-RCUs = 30 reads)
        assertThat(transitions).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(KeyState.HOT);
            assertThat(t.key()).isEqualTo("SESSION#1");
            assertThat(t.rcuPerSecond()).isEqualTo(371);
            assertThat(t.readsPerSecond()).isEqualTo(371);
            assertThat(t.wcuPerSecond()).isZero();
        });
        assertThat(engine.topReadKeys(TABLE, 5)).extracting(KeyRate::key).containsExactly("SESSION#1");
    }

    @Test
    void shouldCountEventualReadsAsHalfUnitsWhenRecorded() {
        // GIVEN the default engine (2,400 RCU/s: read admission floor 10% = 480 half-RCUs)
        HotKeyEngine engine = engine(HotKeyConfig.defaults());

        // WHEN a key is read 1,000 times in one second, eventually consistent, 4 KB items (0.5 RCU each)
        for (int i = 0; i < 1_000; i++) {
            engine.recordRead(TABLE, "SESSION#2", ReadUnits.ofSize(4_096, ReadUnits.Consistency.EVENTUAL), at(0, i % 1000));
        }

        // THEN from admission on it is counted exactly in half units: 1,000 reads minus the 479 before admission
        assertThat(engine.readAdmissionFloor()).isEqualTo(480);
        KeyRate rate = engine.rateOf(TABLE, "SESSION#2").orElseThrow();
        assertThat(rate.readsPerSecond()).isEqualTo(1_000 - 479);
        assertThat(rate.rcuPerSecond()).isEqualTo((1_000 - 479) / 2.0);
    }

    @Test
    void shouldProfileTableTotalsAndKeysWhenEvaluatedEverySecond() {
        // GIVEN an engine with the default thresholds
        HotKeyEngine engine = engine(HotKeyConfig.defaults());

        // WHEN for 10 s one key writes 400 WCU/s (200 writes of 2 KB), another is read at 600 RCU/s, and a scan reads 50 RCU/s
        for (int s = 0; s < 10; s++) {
            for (int i = 0; i < 200; i++) {
                engine.record(TABLE, "HOT#W", "client", 2_000, at(s, i));
                engine.recordRead(TABLE, "HOT#R", 3.0, at(s, i));
            }
            engine.recordRead(TABLE, null, 50, at(s, 999));
            engine.evaluate(at(s + 1, 0));
        }

        // THEN the table's per-second totals are exact and the keys are in the ledger, heaviest first
        TrafficProfile profile = engine.trafficProfile(TABLE).orElseThrow();
        assertThat(profile.sampleSeconds()).isEqualTo(10);
        assertThat(profile.wcuPerSecond().peak()).isEqualTo(400);
        assertThat(profile.wcuPerSecond().p99()).isEqualTo(400);
        assertThat(profile.rcuPerSecond().peak()).isEqualTo(650);
        assertThat(profile.totalWcu()).isEqualTo(4_000);
        assertThat(profile.totalRcu()).isEqualTo(6_500);
        assertThat(profile.totalReads()).isEqualTo(2_010);
        assertThat(profile.keys()).extracting(KeyTraffic::key).containsExactly("HOT#W", "HOT#R");
        KeyTraffic reader = profile.keys().get(1);
        assertThat(reader.peakRcuPerSecond()).isEqualTo(600);
        // counted from admission: the floor (480 half-RCUs) is reached at the 80th read of 6 halves, 79 are missed
        assertThat(reader.rcu()).isEqualTo(6_000 - 79 * 3.0);
    }

    @Test
    void shouldTakeReadLimitFromMostSpecificRuleWhenPrefixOverridesTable() {
        // GIVEN a table rule at 1,000 RCU/s and a prefix (model) rule at 100 RCU/s
        HotKeyEngine engine = engine(HotKeyConfig.defaults());
        engine.overrideThreshold(ThresholdScope.table(TABLE), Threshold.ofWcu(800).withRcu(1_000));
        engine.overrideThreshold(ThresholdScope.tableAndPrefix(TABLE, "SESSION#"), Threshold.ofWcu(800).withRcu(100));

        // WHEN both a session key and another key read 200 RCU/s for 2 s
        List<AlertTransition> transitions = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < 200; i++) {
                engine.recordRead(TABLE, "SESSION#1", 1, at(s, i));
                engine.recordRead(TABLE, "TENANT#1", 1, at(s, i));
            }
            transitions.addAll(engine.evaluate(at(s + 1, 0)));
        }

        // THEN only the session key is hot
        assertThat(transitions).extracting(AlertTransition::key).containsExactly("SESSION#1");
    }

    private static HotKeyEngine engine(HotKeyConfig config) {
        return HotKeyEngine.create(config, Clock.fixed(Instant.ofEpochSecond(T0), ZoneOffset.UTC));
    }

    private static Instant at(int second, int millis) {
        return Instant.ofEpochSecond(T0 + second).plusMillis(millis);
    }
}

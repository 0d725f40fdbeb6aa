package dev.streampipe.hotkey.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.hotkey.HotKeyConfig;
import dev.streampipe.hotkey.KeyState;
import dev.streampipe.hotkey.Threshold;
import dev.streampipe.hotkey.alert.KeyAlert;
import dev.streampipe.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The reference detector's API on the engine: counts, thresholds and their precedence, the warning line, EMF. */
class ClientHotKeyDetectorTest {

    private static final String TABLE = "events";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ManualClock clock = ManualClock.at("2025-06-01T12:00:00Z");
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final List<String> emf = new CopyOnWriteArrayList<>();

    private ClientHotKeyDetector detector(Threshold defaults) {
        return ClientHotKeyDetector.builder().clock(clock).warnings(warnings::add).emf("streampipe/hotkeys", emf::add)
                .config(HotKeyConfig.builder().defaultThreshold(defaults).windowSeconds(60).build()).build();
    }

    @Test
    void shouldApplyModelOverTableOverDefaultWhenThresholdsOverlap() {
        // GIVEN default 1,000 writes/s, table "events" 300, model EVENT# in "events" 100
        ClientHotKeyDetector detector = detector(Threshold.ofWrites(1_000));
        detector.setTableThresholds(TABLE, Threshold.ofWrites(300));
        detector.setModelThresholds(TABLE, "EVENT#", Threshold.ofWrites(100));

        // WHEN three keys of "events" and one key of another table write 200/s for one second
        for (int i = 0; i < 200; i++) {
            detector.recordWrite(TABLE, "EVENT#1");
            detector.recordWrite(TABLE, "USER#1");
            detector.recordWrite("other", "EVENT#1");
        }
        clock.advance(Duration.ofSeconds(1));
        List<KeyAlert> alerts = detector.tick();

        // THEN only the model key is hot: its 100 wins over the table's 300 and the default's 1,000
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.table()).isEqualTo(TABLE);
            assertThat(a.key()).isEqualTo("EVENT#1");
            assertThat(a.transition().threshold()).isEqualTo(Threshold.ofWrites(100));
        });
        assertThat(detector.rate(TABLE, "USER#1").orElseThrow().threshold()).isEqualTo(Threshold.ofWrites(300));
        assertThat(detector.rate("other", "EVENT#1").orElseThrow().threshold()).isEqualTo(Threshold.ofWrites(1_000));
    }

    @Test
    void shouldWriteTheWarningLineWithTableKeyAndCountInWindowWhenAKeyTurnsHot() throws Exception {
        // GIVEN a detector allowing 400 writes/s
        ClientHotKeyDetector detector = detector(Threshold.ofWrites(400));

        // WHEN "EVENTS" takes 500 writes within one second
        for (int i = 0; i < 500; i++) {
            detector.recordWrite(TABLE, "EVENTS");
        }
        List<KeyAlert> alerts = detector.tick();

        // THEN one JSON line says what the reference's warning says, with its fields; the count is exact from
        // admission, which missed the 39 writes before the sketch reached the floor (10% of 400 = 40)
        assertThat(alerts).extracting(KeyAlert::state).containsExactly(KeyState.HOT);
        assertThat(detector.writeCount(TABLE, "EVENTS")).isEqualTo(461);
        assertThat(warnings).singleElement().satisfies(line -> {
            JsonNode json = JSON.readTree(line);
            assertThat(json.path("level").asText()).isEqualTo("WARN");
            assertThat(json.path("kind").asText()).isEqualTo("hot_partition");
            assertThat(json.path("table").asText()).isEqualTo(TABLE);
            assertThat(json.path("pk").asText()).isEqualTo("EVENTS");
            assertThat(json.path("writes").asLong()).isEqualTo(461);
            assertThat(json.path("window_s").asInt()).isEqualTo(60);
            assertThat(json.path("message").asText())
                    .isEqualTo("Hot partition detected - table=\"events\" pk=\"EVENTS\" had 461 writes in 60s");
        });
        // AND the EMF line carries the table's metrics
        assertThat(emf).singleElement().satisfies(line -> {
            JsonNode json = JSON.readTree(line);
            assertThat(json.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText()).isEqualTo("streampipe/hotkeys");
            assertThat(json.path("TableName").asText()).isEqualTo(TABLE);
            assertThat(json.path("HotKeyCount").asInt()).isEqualTo(1);
        });
    }

    @Test
    void shouldNameReadsInTheWarningWhenTheKeyIsHotOnReads() {
        // GIVEN a detector allowing 100 RCU/s (writes unlimited)
        ClientHotKeyDetector detector = detector(Threshold.ofRcu(100));

        // WHEN "EVENTS" is read 150 times (1 RCU each) in a second
        for (int i = 0; i < 150; i++) {
            detector.recordRead(TABLE, "EVENTS");
        }
        detector.tick();

        // THEN the warning counts reads; the admission floor (10% of 100 RCU = 20 half-RCUs) missed 9
        assertThat(detector.readCount(TABLE, "EVENTS")).isEqualTo(141);
        assertThat(warnings).singleElement().asString()
                .contains("\"message\":\"Hot partition detected - table=\\\"events\\\" pk=\\\"EVENTS\\\" had 141 reads in 60s\"");
    }

    @Test
    void shouldForgetCountsButKeepThresholdsWhenCleared() {
        // GIVEN counts and a table threshold
        ClientHotKeyDetector detector = detector(Threshold.ofWrites(1));
        detector.setTableThresholds(TABLE, Threshold.ofWrites(5));
        detector.recordWrite(TABLE, "A");
        detector.throttled(TABLE, "A", List.of("TableWriteKeyRangeThroughputExceeded"));

        // WHEN cleared
        detector.clear();

        // THEN counts and throttles are gone and the threshold still applies
        assertThat(detector.writeCount(TABLE, "A")).isZero();
        assertThat(detector.throttles().byReason(TABLE)).isEmpty();
        detector.recordWrite(TABLE, "A");
        assertThat(detector.rate(TABLE, "A").orElseThrow().threshold()).isEqualTo(Threshold.ofWrites(5));
    }
}

package dev.streampipe.hotkey.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.hotkey.AlertTransition;
import dev.streampipe.hotkey.KeyState;
import dev.streampipe.hotkey.Threshold;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertMessagesTest {

    private static final Instant AT = Instant.parse("2026-11-23T12:00:05Z");

    private static KeyAlert hotAlert() {
        AlertTransition t = new AlertTransition("sessions", "SESSION#42", KeyState.OK, KeyState.HOT,
                1_850.5, 925.0, Threshold.ofWcu(800), AT);
        List<KeyReport> top = List.of(
                new KeyReport("SESSION#42", 1_850.5, 925.0, KeyState.HOT, 3),
                new KeyReport("SESSION#7", 120.0, 120.0, KeyState.OK, 1));
        return KeyAlert.of(t, 1_700, 0.8, top);
    }

    @Test
    void shouldComputeWriteShardsFromThePeakWhenAKeyTurnsHot() {
        // GIVEN a key at 1,850.5 WCU/s with a target utilization of 0.8
        KeyAlert alert = hotAlert();
        // THEN peak = max(recorded, observed) and shards = ceil(1850.5 / 800) = 3
        assertThat(alert.peakWcuPerSecond()).isEqualTo(1_850.5);
        assertThat(alert.writeShardsNeeded()).isEqualTo(3);
    }

    @Test
    void shouldListTopKeysLimitAndShardsWhenTheBodyIsWritten() throws Exception {
        // GIVEN a HOT alert
        // WHEN its SNS body is written
        JsonNode body = new ObjectMapper().readTree(AlertMessages.json(hotAlert()));
        // THEN it carries the rates, the 1,000 WCU/s limit, the shards needed and the top keys
        assertThat(body.get("alert").asText()).isEqualTo("HOT");
        assertThat(body.get("table").asText()).isEqualTo("sessions");
        assertThat(body.get("key").asText()).isEqualTo("SESSION#42");
        assertThat(body.get("from").asText()).isEqualTo("OK");
        assertThat(body.get("at").asText()).isEqualTo("2026-11-23T12:00:05Z");
        assertThat(body.get("wcuPerSecond").asDouble()).isEqualTo(1_850.5);
        assertThat(body.get("writesPerSecond").asDouble()).isEqualTo(925.0);
        assertThat(body.get("thresholdWcuPerSecond").asDouble()).isEqualTo(800);
        assertThat(body.get("thresholdWritesPerSecond").isNull()).isTrue();
        assertThat(body.get("partitionLimitWcuPerSecond").asInt()).isEqualTo(1_000);
        assertThat(body.get("targetUtilization").asDouble()).isEqualTo(0.8);
        assertThat(body.get("writeShardsNeeded").asInt()).isEqualTo(3);
        assertThat(body.get("topKeys")).hasSize(2);
        JsonNode first = body.get("topKeys").get(0);
        assertThat(first.get("key").asText()).isEqualTo("SESSION#42");
        assertThat(first.get("wcuPerSecond").asDouble()).isEqualTo(1_850.5);
        assertThat(first.get("state").asText()).isEqualTo("HOT");
        assertThat(first.get("partitionUtilization").asDouble()).isEqualTo(1.851);
        assertThat(first.get("writeShardsNeeded").asInt()).isEqualTo(3);
        assertThat(body.get("topKeys").get(1).get("key").asText()).isEqualTo("SESSION#7");
    }

    @Test
    void shouldStateTheArithmeticWhenTheMitigationIsWritten() {
        assertThat(AlertMessages.mitigation(hotAlert())).isEqualTo(
                "Write shards needed: 3 (ceil(peak 1850.5 / (1000 x 0.80)) = 3): spread the key over suffixes "
                        + "SESSION#42#0..SESSION#42#2.");
        assertThat(AlertMessages.summary(hotAlert())).isEqualTo(
                "HOT partition key SESSION#42 in table sessions: 1850.5 WCU/s, 925.0 writes/s (threshold 800.0 WCU/s; "
                        + "partition limit 1000 WCU/s). " + AlertMessages.mitigation(hotAlert()));
    }

    @Test
    void shouldReportThePeakWhenAKeyRecovers() {
        // GIVEN a recovery after a 2,400 WCU/s peak
        AlertTransition t = new AlertTransition("sessions", "SESSION#42", KeyState.HOT, KeyState.RECOVERED,
                300, 150, Threshold.of(800, 500), AT);
        KeyAlert alert = KeyAlert.of(t, 2_400, 0.8, List.of());
        // THEN shards come from the peak, and the text says so
        assertThat(alert.writeShardsNeeded()).isEqualTo(3);
        assertThat(AlertMessages.summary(alert)).startsWith(
                "RECOVERED partition key SESSION#42 in table sessions: 300.0 WCU/s, 150.0 writes/s now, peak 2400.0 WCU/s");
        assertThat(AlertMessages.subject(alert)).isEqualTo("RECOVERED key SESSION#42 in sessions: 300.0 WCU/s");
    }

    @Test
    void shouldKeepTheSubjectPrintableAsciiAndShortWhenTheKeyIsLongOrNotAscii() {
        // GIVEN a long non-ASCII key
        AlertTransition t = new AlertTransition("sessions", "SESSION#ü" + "x".repeat(200), KeyState.OK, KeyState.HOT,
                900, 900, Threshold.ofWcu(800), AT);
        String subject = AlertMessages.subject(KeyAlert.of(t, 0, 0.8, List.of()));
        // THEN it fits SNS's subject rules
        assertThat(subject).hasSize(AlertMessages.MAX_SUBJECT_LENGTH).startsWith("HOT key SESSION#?x").endsWith("...");
        assertThat(subject.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}

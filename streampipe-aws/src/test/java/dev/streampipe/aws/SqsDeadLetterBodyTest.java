package dev.streampipe.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.core.batch.DeadLetter;
import dev.streampipe.core.decode.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A dead letter's SQS body fits one message and stays JSON, however large its reason and record. */
class SqsDeadLetterBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> sizes() {
        return Stream.of(
                Arguments.of(100, 100, "x"),
                Arguments.of(1_000_000, 100, "x"),
                Arguments.of(252 * 1024, 10_000, "x"),
                Arguments.of(100, 1_000_000, "x"),
                Arguments.of(1_000_000, 1_000_000, "x"),
                Arguments.of(1_000_000, 1_000_000, "\u2028"),
                Arguments.of(300_000, 300_000, "\uD83D\uDE00"),
                Arguments.of(5_000, 400_000, "\u00e9\""));
    }

    @ParameterizedTest(name = "reason {0} x ''{2}'', record text {1}")
    @MethodSource("sizes")
    void shouldFitOneSqsMessageWhenReasonAndRecordAreHuge(int reasonLength, int recordLength, String unit) throws Exception {
        // GIVEN a dead letter whose reason and raw record are up to a million characters of awkward text
        String reason = unit.repeat(reasonLength / unit.length());
        String record = "{\"eventID\":\"e1\",\"pad\":" + JSON.writeValueAsString(unit.repeat(recordLength / unit.length()))
                + "}";
        DeadLetter letter = new DeadLetter(0, "e1", "1", "trigger-summary", reason, RawRecord.of(record));

        // WHEN its body is built
        String body = SqsDeadLetterSink.body(letter);

        // THEN it fits SQS's 256 KiB, parses as JSON, and says what was cut
        assertThat((long) body.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(256 * 1024);
        JsonNode n = JSON.readTree(body);
        assertThat(n.get("reason").asText().length()).isLessThanOrEqualTo(DeadLetter.MAX_REASON_CHARS + 40);
        if (reason.length() > DeadLetter.MAX_REASON_CHARS) {
            assertThat(n.get("reason").asText()).endsWith("characters in all)");
        }
        boolean cut = n.get("truncated").asBoolean();
        assertThat(cut).isEqualTo(!n.has("record"));
        if (!cut) {
            assertThat(n.get("record")).isEqualTo(JSON.readTree(record));
        } else {
            assertThat(record).startsWith(n.get("recordText").asText());
            assertThat(n.get("recordChars").asInt()).isEqualTo(record.length());
        }
    }
}

package dev.streampipe.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code replay} on streams shaped unlike ours: every record reaches analytics and audit, whatever its shape. */
@Tag("needs-repo")
class ReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"table-keyed-id-number.json", "keys-only-stream.json", "new-image-stream.json",
        "old-image-stream.json", "optional-fields-absent.json", "null-member-attribute-values.json",
        "tumbling-window.json"})
    void shouldSendEveryRecordToAnalyticsAndAuditWhenTheStreamIsShapedDifferently(String file) throws Exception {
        // GIVEN a real-format event file with N records
        Path event = Path.of("..", "events", file);
        int records = JSON.readTree(event.toFile()).path("Records").size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // WHEN it is replayed
        int exit = Replay.run(List.of(event), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        // THEN analytics and audit got all N, and any dead letter names its route (never the whole record)
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(records).isPositive();
        assertThat(printed).contains("sink analytics: " + records + " message(s)",
                "sink audit: " + records + " message(s)", "response: {\"batchItemFailures\":[]}");
        printed.lines().dropWhile(l -> !l.startsWith("sink dead-letters:")).skip(1)
                .takeWhile(l -> l.startsWith("  ")).forEach(l -> assertThat(l).startsWith("  route "));
    }
}

package dev.streampipe.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SummaryCodecTest {

    @Test
    void shouldReadRequestWhenPayloadHasExtraFieldsAByteOrderMarkAndUnicode() throws IOException {
        // WHEN
        SummaryPayload payload = readPayload("\uFEFF{\"sessionId\":\"s-\u00e9\ud83d\ude00\",\"extra\":{\"a\":[1,2]},\"window\":3}");

        // THEN
        assertThat(payload.windows()).containsExactly(new SummaryRequest("s-\u00e9\ud83d\ude00", 3));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1]                                        | summary request must be a JSON object, was an array",
        "''                                         | summary request must be a JSON object, was nothing",
        "{\"sessionId\":1,\"window\":1}             | summary request sessionId must be a string, was 1",
        "{\"sessionId\":\"s\",\"window\":1.5}       | summary request window must be an integer from 1 to 9223372036854775807, was 1.5",
        "{\"sessionId\":\"s\",\"window\":\"1\"}     | summary request window must be an integer from 1 to 9223372036854775807, was string \"1\"",
        "{\"sessionId\":\"s\",\"window\":0}         | summary request window must be an integer from 1 to 9223372036854775807, was 0",
        "{\"sessionId\":\"s\",\"window\":-1}        | summary request window must be an integer from 1 to 9223372036854775807, was -1",
        "{\"sessionId\":\"s\",\"window\":1e999}     | summary request window must be an integer from 1 to 9223372036854775807, was 1e999",
        "{\"sessionId\":\" \",\"window\":1}         | summary request sessionId must not be blank, was \" \"",
        "{\"sessionId\":\"\",\"window\":1}          | summary request sessionId must not be blank, was \"\"",
        "{\"sessionId\":\"\\ud800\",\"window\":1}   | summary request sessionId must be well-formed Unicode (no lone surrogate), was \"\\ud800\"",
        "{\"window\":1}                             | summary request needs sessionId and window, had only window",
        "{\"other\":1}                              | summary request needs sessionId and window, had neither",
        "{\"sessionId\":\"a\",\"sessionId\":\"b\",\"window\":1} | summary request has sessionId twice",
        "{\"sessionId\":\"s\",\"window\":99999999999999999999} | summary request window must be an integer from 1 to 9223372036854775807, was 99999999999999999999",
        "{\"sessionId\":\"s\",\"window\":1} x     | summary request is not valid JSON",
        "{\"sessionId\":\"s\",\"window\":1}{}     | summary request has content after its JSON object",
        "{\"sessionId\":                            | summary request is not valid JSON",
    })
    void shouldRejectPermanentlyWhenPayloadIsInvalid(String payload, String message) {
        // WHEN / THEN
        assertThatThrownBy(() -> readPayload(payload))
                .isInstanceOf(PermanentSummaryException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void shouldWriteResultAsJsonObject() throws IOException {
        // WHEN
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SummaryCodec.writeResult(new SummaryResult("s-1", 2, SummaryResult.Status.WRITTEN_CONCURRENTLY), out);

        // THEN
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"sessionId\":\"s-1\",\"window\":2,\"status\":\"WRITTEN_CONCURRENTLY\"}");
    }

    @Test
    void shouldReadEveryWindowInOrderWhenPayloadIsTheRouterBatch() throws IOException {
        // WHEN the router's envelope, with its extra per-window fields
        SummaryPayload payload = readPayload("{\"windows\":[{\"sessionId\":\"s-1\",\"window\":2,\"eventId\":\"e1\"},"
                + "{\"sessionId\":\"s-2\",\"window\":1,\"sequenceNumber\":\"9\"}],\"other\":true}");

        // THEN
        assertThat(payload.batched()).isTrue();
        assertThat(payload.windows()).containsExactly(new SummaryRequest("s-1", 2), new SummaryRequest("s-2", 1));
    }

    @Test
    void shouldReadOneUnbatchedWindowWhenPayloadIsTheSingleShape() throws IOException {
        // WHEN
        SummaryPayload payload = readPayload("{\"sessionId\":\"s-1\",\"window\":4}");

        // THEN
        assertThat(payload.batched()).isFalse();
        assertThat(payload.windows()).containsExactly(new SummaryRequest("s-1", 4));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"windows\":{}}                                        | summary request windows must be an array, was an object",
        "{\"windows\":[],\"sessionId\":\"s\",\"window\":1}        | summary request has both \"windows\" and a top-level sessionId/window",
        "{\"windows\":[],\"windows\":[]}                         | summary request has \"windows\" twice",
        "{\"windows\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}} | summary request is not valid JSON: Document nesting depth (65) exceeds the maximum allowed (64",
    })
    void shouldRejectPermanentlyWhenABatchIsMalformedAsAWhole(String payload, String message) {
        // WHEN / THEN
        assertThatThrownBy(() -> readPayload(payload))
                .isInstanceOf(PermanentSummaryException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void shouldKeepTheValidWindowsAndNameEachRejectedOneByPositionWhenABatchMixesThem() throws IOException {
        // GIVEN a batch whose elements 1..7 are each wrong in one way
        String json = "{\"windows\":[{\"sessionId\":\"s-1\",\"window\":1},7,{\"window\":1},"
                + "{\"sessionId\":\"s\",\"window\":0},{\"sessionId\":{\"a\":[1]},\"window\":1},"
                + "{\"sessionId\":\"" + "x".repeat(5_000) + "\",\"window\":2},"
                + "{\"sessionId\":\"s\",\"window\":1,\"window\":2},{\"sessionId\":\"s\",\"window\":[1]},"
                + "{\"sessionId\":\"s-2\",\"window\":3,\"extra\":{\"deep\":[1,2,{}]}}]}";
        // WHEN read
        SummaryPayload payload = readPayload(json);
        // THEN the two valid windows are kept, and each bad element is named with its position and value, briefly
        assertThat(payload.windows()).containsExactly(new SummaryRequest("s-1", 1), new SummaryRequest("s-2", 3));
        assertThat(payload.rejected()).extracting(SummaryPayload.Rejected::toString).containsExactly(
                "windows[1] must be an object, was 7",
                "windows[2] needs sessionId and window, had only window",
                "windows[3] window must be an integer from 1 to 9223372036854775807, was 0",
                "windows[4] sessionId must be a string, was an object",
                "windows[5] sessionId must be at most 1024 characters, was \"" + "x".repeat(60) + "... (5000 characters in all)\"",
                "windows[6] has window twice",
                "windows[7] window must be an integer from 1 to 9223372036854775807, was an array");
    }

    @Test
    void shouldRefuseTheWholeBatchBeforeReadingOnWhenItHasMoreWindowsThanOneStreamBatchCanClose() {
        // GIVEN 10,001 windows
        String json = "{\"windows\":[" + String.join(",",
                java.util.Collections.nCopies(10_001, "{\"sessionId\":\"s\",\"window\":1}")) + "]}";
        // WHEN / THEN
        assertThatThrownBy(() -> readPayload(json))
                .isInstanceOf(PermanentSummaryException.class)
                .hasMessage("summary request has more than 10000 windows (the most one stream batch can close)");
    }

    @Test
    void shouldRefuseUtf16AndOverlongPayloadsWhenReading() {
        // GIVEN the same request as UTF-16 (with and without byte-order mark), and a payload over 6 MiB
        byte[] utf16 = "{\"sessionId\":\"s\",\"window\":1}".getBytes(StandardCharsets.UTF_16);
        byte[] utf16le = "{\"sessionId\":\"s\",\"window\":1}".getBytes(StandardCharsets.UTF_16LE);
        byte[] huge = ("{\"sessionId\":\"s\",\"window\":1,\"x\":\"" + "a".repeat(SummaryCodec.MAX_PAYLOAD_BYTES)
                + "\"}").getBytes(StandardCharsets.UTF_8);
        // WHEN / THEN each is refused permanently, saying why
        assertThatThrownBy(() -> SummaryCodec.readPayload(new ByteArrayInputStream(utf16)))
                .isInstanceOf(PermanentSummaryException.class)
                .hasMessage("summary request must be UTF-8 JSON: UTF-16 text (its byte-order mark says so); convert it"
                        + " to UTF-8, e.g. iconv -f UTF-16 -t UTF-8");
        assertThatThrownBy(() -> SummaryCodec.readPayload(new ByteArrayInputStream(utf16le)))
                .isInstanceOf(PermanentSummaryException.class)
                .hasMessage("summary request must be UTF-8 JSON: a NUL byte at offset 1 (UTF-16 text, or a binary file?)");
        assertThatThrownBy(() -> SummaryCodec.readPayload(new ByteArrayInputStream(huge)))
                .isInstanceOf(PermanentSummaryException.class)
                .hasMessage("summary request is larger than 6291456 bytes");
    }

    @Test
    void shouldRefuseBytesThatAreNotUtf8WhenReading() {
        byte[] latin1 = "{\"sessionId\":\"caf\u00e9\",\"window\":1}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> SummaryCodec.readPayload(new ByteArrayInputStream(latin1)))
                .isInstanceOf(PermanentSummaryException.class)
                .hasMessage("summary request must be UTF-8 JSON: byte 0xE9 at offset 17 (line 1) is not UTF-8");
    }

    @Test
    void shouldWriteBatchResultsInOrderAsOneObject() throws IOException {
        // WHEN
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SummaryCodec.writeResults(java.util.List.of(new SummaryResult("s-1", 2, SummaryResult.Status.WRITTEN),
                new SummaryResult("s-2", 1, SummaryResult.Status.ALREADY_PRESENT)), out);

        // THEN
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"results\":["
                + "{\"sessionId\":\"s-1\",\"window\":2,\"status\":\"WRITTEN\"},"
                + "{\"sessionId\":\"s-2\",\"window\":1,\"status\":\"ALREADY_PRESENT\"}]}");
    }

    private static SummaryPayload readPayload(String json) throws IOException {
        return SummaryCodec.readPayload(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}

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
    void shouldReadRequestWhenPayloadHasExtraFields() throws IOException {
        // WHEN
        SummaryRequest request = read("{\"sessionId\":\"s-0001\",\"extra\":{\"a\":[1,2]},\"window\":3}");

        // THEN
        assertThat(request).isEqualTo(new SummaryRequest("s-0001", 3));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1]                                        | summary request must be a JSON object, was START_ARRAY",
        "{\"sessionId\":1,\"window\":1}             | summary request sessionId must be a string, was VALUE_NUMBER_INT",
        "{\"sessionId\":\"s\",\"window\":1.5}       | summary request window must be an integer, was 1.5",
        "{\"sessionId\":\"s\",\"window\":\"1\"}     | summary request window must be an integer, was 1",
        "{\"sessionId\":\"s\",\"window\":0}         | invalid summary request: window must be >= 1, was 0",
        "{\"sessionId\":\" \",\"window\":1}         | invalid summary request: sessionId must not be blank, was ' '",
        "{\"window\":1}                             | summary request needs sessionId and window, was sessionId=null window=1",
        "{\"sessionId\":\"s\",\"window\":99999999999999999999} | summary request window must be an integer, was 99999999999999999999",
        "{\"sessionId\":                            | summary request is not valid JSON",
    })
    void shouldRejectPermanentlyWhenPayloadIsInvalid(String payload, String message) {
        // WHEN / THEN
        assertThatThrownBy(() -> read(payload))
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
        "{\"windows\":{}}                                        | summary request windows must be an array, was START_OBJECT",
        "{\"windows\":[{\"sessionId\":\"s\",\"window\":1},7]}     | summary request windows[1] must be an object, was VALUE_NUMBER_INT",
        "{\"windows\":[{\"sessionId\":\"s\",\"window\":0}]}       | invalid summary request windows[0]: window must be >= 1, was 0",
        "{\"windows\":[{\"window\":1}]}                           | summary request windows[0] needs sessionId and window",
        "{\"windows\":[],\"sessionId\":\"s\",\"window\":1}        | summary request has both \"windows\" and a top-level sessionId/window",
    })
    void shouldRejectPermanentlyNamingThePositionWhenABatchIsInvalid(String payload, String message) {
        // WHEN / THEN
        assertThatThrownBy(() -> readPayload(payload))
                .isInstanceOf(PermanentSummaryException.class)
                .hasMessageStartingWith(message);
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

    private static SummaryRequest read(String json) throws IOException {
        return SummaryCodec.readRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}

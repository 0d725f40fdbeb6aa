package dev.streampipe.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.core.batch.BatchResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lambda's partial-batch response as the router writes it. */
class StreamRuntimeResponseTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static BatchResult failedFrom(String id) {
        return new BatchResult(3, 0, 0, id, Map.of(), Map.of(), List.of(), Map.of(), List.of(), List.of());
    }

    @Test
    void shouldAnswerAnEmptyFailureListWhenTheBatchIsDone() {
        assertThat(StreamRuntime.response(failedFrom(null))).isEqualTo("{\"batchItemFailures\":[]}");
    }

    @Test
    void shouldNameTheSequenceNumberWhenARecordFailed() throws Exception {
        JsonNode response = JSON.readTree(StreamRuntime.response(failedFrom("4421584500000000017451231792")));

        assertThat(response.get("batchItemFailures")).singleElement()
                .satisfies(f -> assertThat(f.get("itemIdentifier").asText()).isEqualTo("4421584500000000017451231792"));
    }

    @Test
    void shouldStayValidJsonWhenAnUndecodableRecordsIdentifierHoldsQuotes() throws Exception {
        // GIVEN the raw SequenceNumber of a malformed record, echoed verbatim
        String odd = "12\"3\\4";

        // WHEN / THEN the response parses and carries the identifier exactly
        JsonNode response = JSON.readTree(StreamRuntime.response(failedFrom(odd)));
        assertThat(response.get("batchItemFailures").get(0).get("itemIdentifier").asText()).isEqualTo(odd);
    }
}

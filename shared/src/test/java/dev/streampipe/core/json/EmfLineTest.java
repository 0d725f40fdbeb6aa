package dev.streampipe.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.core.json.EmfLine.Metric;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmfLineTest {
    private static final long AT = 1_795_252_500_123L;

    @Test
    void shouldWriteTheMetadataThenTheMembersInOrderWhenARouteLineIsWritten() {
        // WHEN a line with one dimension set per route and one over all, and log fields after the metric
        String line = EmfLine.of(AT, "streampipe/Router", List.of(List.of("Route"), List.of()),
                        List.of(new Metric("LedgerWriteFailures", "Count")))
                .field("Route", "page-handoff").field("LedgerWriteFailures", 2).field("kind", "ledger_write_failure")
                .field("effects", List.of("e1", "e2")).field("reason", (String) null).end();

        // THEN the exact line the stream runtime has always written
        assertThat(line).isEqualTo("{\"_aws\":{\"Timestamp\":1795252500123,\"CloudWatchMetrics\":[{\"Namespace\":"
                + "\"streampipe/Router\",\"Dimensions\":[[\"Route\"],[]],\"Metrics\":[{\"Name\":\"LedgerWriteFailures\","
                + "\"Unit\":\"Count\"}]}]},\"Route\":\"page-handoff\",\"LedgerWriteFailures\":2,"
                + "\"kind\":\"ledger_write_failure\",\"effects\":[\"e1\",\"e2\"],\"reason\":null}");
    }

    @Test
    void shouldWriteSeveralMetricsAndDecimalValuesWhenATableLineIsWritten() {
        // WHEN a line with four metrics of two units, integral and decimal values
        String line = EmfLine.of(1_772_366_400_500L, "streampipe/hotkeys", List.of(List.of("TableName")),
                        List.of(new Metric("HotKeyCount", "Count"), new Metric("MaxKeyRcuPerSecond", "Count/Second"),
                                new Metric("MaxKeyWcuPerSecond", "Count/Second"), new Metric("ThrottledRequests", "Count")))
                .field("TableName", "events").field("HotKeyCount", 3).field("MaxKeyRcuPerSecond", 0.0)
                .field("MaxKeyWcuPerSecond", 812.0).field("ThrottledRequests", 42).end();

        // THEN the exact line the client detector has always written
        assertThat(line).isEqualTo("{\"_aws\":{\"Timestamp\":1772366400500,\"CloudWatchMetrics\":[{\"Namespace\":"
                + "\"streampipe/hotkeys\",\"Dimensions\":[[\"TableName\"]],\"Metrics\":[{\"Name\":\"HotKeyCount\","
                + "\"Unit\":\"Count\"},{\"Name\":\"MaxKeyRcuPerSecond\",\"Unit\":\"Count/Second\"},"
                + "{\"Name\":\"MaxKeyWcuPerSecond\",\"Unit\":\"Count/Second\"},{\"Name\":\"ThrottledRequests\","
                + "\"Unit\":\"Count\"}]}]},\"TableName\":\"events\",\"HotKeyCount\":3,\"MaxKeyRcuPerSecond\":0.0,"
                + "\"MaxKeyWcuPerSecond\":812.0,\"ThrottledRequests\":42}");
    }

    @Test
    void shouldEscapeNamesAndWriteNonFiniteNumbersAsTextWhenGivenThem() {
        // WHEN the namespace, a dimension and a value need escaping, and a rate is infinite, with no dimension
        String line = EmfLine.of(0, "a\"b", List.of(List.of("x\\y"), List.of()), List.of(new Metric("Rate", "None")))
                .field("x\\y", "line\nbreak\u2028").field("Rate", Double.POSITIVE_INFINITY).end();

        // THEN every string is a valid JSON string and the rate is its text
        assertThat(line).isEqualTo("{\"_aws\":{\"Timestamp\":0,\"CloudWatchMetrics\":[{\"Namespace\":\"a\\\"b\","
                + "\"Dimensions\":[[\"x\\\\y\"],[]],\"Metrics\":[{\"Name\":\"Rate\",\"Unit\":\"None\"}]}]},"
                + "\"x\\\\y\":\"line\\nbreak\\u2028\",\"Rate\":\"Infinity\"}");
    }
}

package dev.streampipe.router;

import static dev.streampipe.testing.PipelineTestDriver.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.aws.lambda.StreamRuntime;
import dev.streampipe.core.batch.BatchResult;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.testing.InMemoryDeadLetterSink;
import dev.streampipe.testing.InMemoryEffectLedger;
import dev.streampipe.testing.InMemorySink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Replaying {@code events/mixed-batch.json} through the router as {@code streampipe-local replay} builds it prints
 * EMF lines whose dimensions are the topology's route and sink names, with counts that match the batch.
 */
@Tag("needs-repo") // reads the repository's events/
class RouterEmfReplayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldPrintEmfLinesNamedByRoutesAndSinksWithTheBatchsCountsWhenMixedBatchIsReplayed() throws Exception {
        // GIVEN the router over in-memory sinks, logging to a list (the replay's wiring)
        Topology topology = SessionTopology.create(SessionSchema.DEFAULT);
        Map<String, InMemorySink> sinks = new LinkedHashMap<>();
        topology.sinks().forEach(name -> sinks.put(name, new InMemorySink(name)));
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        StreamRuntime router = RouterWiring.router(SessionSchema.DEFAULT, sinks, new InMemoryEffectLedger(),
                new InMemoryDeadLetterSink(), RouterWiring.inMemoryStateStore(SessionSchema.DEFAULT), Runnable::run,
                log::add);
        byte[] batch = Files.readAllBytes(event("mixed-batch.json"));
        int records = JSON.readTree(batch).get("Records").size();

        // WHEN the mixed batch is replayed
        BatchResult result = router.handle(new ByteArrayInputStream(batch), new ByteArrayOutputStream(),
                Deadline.after(Duration.ofMinutes(5), Clock.systemUTC()));

        // THEN one Records line per route, named by the route, counting what the route took
        List<JsonNode> emf = log.stream().filter(l -> l.startsWith("{\"_aws\"")).map(RouterEmfReplayTest::read)
                .toList();
        Map<String, Long> recordsByRoute = emf.stream().filter(n -> n.has("Records"))
                .collect(Collectors.toMap(n -> n.get("Route").asText(), n -> n.get("Records").asLong()));
        assertThat(recordsByRoute.keySet())
                .containsExactlyInAnyOrderElementsOf(topology.routes().stream().map(Route::name).toList());
        assertThat(recordsByRoute).containsEntry(SessionTopology.ANALYTICS, (long) records)
                .containsEntry(SessionTopology.AUDIT, (long) records)
                .containsEntry(SessionTopology.PAGE_HANDOFF, 3L)
                .containsEntry(SessionTopology.PUBLISH_STATUS_CHANGE, 6L);
        // ... one line per sink, named by the sink, whose Delivered is what the sink received
        Map<String, JsonNode> bySink = emf.stream().filter(n -> n.has("Delivered"))
                .collect(Collectors.toMap(n -> n.get("Sink").asText(), n -> n));
        assertThat(bySink.keySet()).containsExactlyInAnyOrderElementsOf(topology.sinks());
        sinks.forEach((name, sink) -> {
            assertThat(bySink.get(name).get("Delivered").asLong()).as(name).isEqualTo(sink.messages().size());
            assertThat(bySink.get(name).get("SkippedByLedger").asLong()).as(name).isZero();
            assertThat(bySink.get(name).get("Failed").asLong()).as(name).isZero();
        });
        assertThat(bySink.get(SessionTopology.ANALYTICS_SINK).get("Delivered").asLong()).isEqualTo(records);
        // ... and the batch line with the record count, the duration and the lag from the records' creation times
        JsonNode batchLine = emf.stream().filter(n -> n.has("BatchRecords")).findFirst().orElseThrow();
        assertThat(batchLine.get("BatchRecords").asLong()).isEqualTo(records);
        assertThat(batchLine.get("RecordLag").asLong()).isPositive();
        assertThat(batchLine.has("BatchDuration")).isTrue();
        // ... each directive naming its dimension and the metrics it carries
        JsonNode directive = bySink.get("handoffs").get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"Sink\"]]");
        assertThat(directive.get("Metrics").findValuesAsText("Name"))
                .containsExactly("Delivered", "SkippedByLedger", "Failed");
        assertThat(result.batchItemFailures()).isEmpty();
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

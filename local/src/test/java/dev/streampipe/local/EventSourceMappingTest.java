package dev.streampipe.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.Record;

/** The mapping emulator's Lambda semantics, on a fake stream: shard order, retry from the reported record, bisect. */
class EventSourceMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<List<String>> invocations = Collections.synchronizedList(new ArrayList<>());
    private final List<Record> onFailure = Collections.synchronizedList(new ArrayList<>());

    private static List<String> eventIds(byte[] event) throws Exception {
        List<String> ids = new ArrayList<>();
        for (JsonNode r : JSON.readTree(event).get("Records")) {
            ids.add(r.get("eventID").asText());
        }
        return ids;
    }

    private static List<String> sequences(byte[] event) throws Exception {
        List<String> seqs = new ArrayList<>();
        for (JsonNode r : JSON.readTree(event).get("Records")) {
            seqs.add(r.get("dynamodb").get("SequenceNumber").asText());
        }
        return seqs;
    }

    private EventSourceMapping start(FakeStreams streams, int batchSize, int maxRetries, EventSourceMapping.Function f) {
        return new EventSourceMapping(streams, "arn:aws:dynamodb:us-east-1:1:table/t/stream/s", event -> {
            invocations.add(eventIds(event));
            return f.invoke(event);
        }, new EventSourceMapping.Settings(batchSize, Duration.ZERO, maxRetries, true, Duration.ofMillis(5)),
                Clock.systemUTC(), onFailure::addAll).start();
    }

    /** Waits for the emulator's threads to reach a state; bounded, for completion of work, not for time to pass. */
    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(done.getAsBoolean()).as("emulator finished within 10 s").isTrue();
    }

    @Test
    void shouldReadChildShardOnlyAfterItsParentWhenTheChildIsListedFirst() throws Exception {
        FakeStreams streams = new FakeStreams().shard("child", "parent", 30, false).shard("parent", null, 30, true);

        try (EventSourceMapping esm = start(streams, 7, 0, event -> List.of())) {
            await(() -> esm.stats().recordsDone.get() == 60);
        }

        List<String> order = invocations.stream().flatMap(List::stream).toList();
        int lastParent = order.lastIndexOf("parent-29");
        int firstChild = order.indexOf("child-0");
        assertThat(lastParent).isLessThan(firstChild);
        assertThat(invocations).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(7));
    }

    @Test
    void shouldRetryFromTheReportedRecordWhenTheFunctionReportsAPartialFailure() throws Exception {
        FakeStreams streams = new FakeStreams().shard("s", null, 10, true);
        Map<String, Boolean> failedOnce = new ConcurrentHashMap<>();

        // GIVEN a function that reports record s-3 failed, once
        try (EventSourceMapping esm = start(streams, 10, 3, event -> {
            List<String> ids = eventIds(event);
            int at = ids.indexOf("s-3");
            return at >= 0 && failedOnce.putIfAbsent("s-3", true) == null ? List.of(sequences(event).get(at)) : List.of();
        })) {
            await(() -> esm.stats().recordsDone.get() == 10);
        }

        // THEN the batch comes again from s-3 on, and the records before it are not redelivered
        assertThat(invocations).hasSize(2);
        assertThat(invocations.get(1)).containsExactly("s-3", "s-4", "s-5", "s-6", "s-7", "s-8", "s-9");
        assertThat(onFailure).isEmpty();
    }

    @Test
    void shouldBisectThenSendToOnFailureOnlyThePoisonRecordWhenTheFunctionKeepsFailingOnIt() throws Exception {
        FakeStreams streams = new FakeStreams().shard("s", null, 8, true);

        try (EventSourceMapping esm = start(streams, 8, 3, event -> {
            if (eventIds(event).contains("s-5")) {
                throw new IllegalStateException("function error");
            }
            return List.of();
        })) {
            await(() -> esm.stats().recordsDone.get() == 8);
            assertThat(esm.stats().bisections.get()).isPositive();
        }

        assertThat(onFailure).extracting(Record::eventID).containsExactly("s-5");
        List<String> delivered = invocations.stream().filter(b -> !b.contains("s-5")).flatMap(List::stream).toList();
        assertThat(delivered).containsExactlyInAnyOrder("s-0", "s-1", "s-2", "s-3", "s-4", "s-6", "s-7");
    }
}

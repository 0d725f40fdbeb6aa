package dev.streampipe.bench.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.core.decode.StreamEventDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Runs the router and the per-record fan-out once each over the 140-record sample batch (the 1,000-record one takes
 * over 10 s here), on loopback with no latency.
 */
class CostTableLoopbackTest {
    private static final Path SAMPLE = Path.of("../events/mixed-batch.json");

    @Test
    void shouldCostLessPerMillionRecordsThanThePerRecordDesignWhenRunOnTheSampleBatch() throws Exception {
        // GIVEN the sample batch and the template's router memory
        byte[] event = Files.readAllBytes(SAMPLE);
        int records = new StreamEventDecoder().decode(event).records().size();
        int memoryMb = CostTable.routerMemoryMb(Path.of("../template.yaml"));
        Usage streampipe;
        Usage perRecord;

        // WHEN both designs run once on loopback
        try (DesignRunner runner = new DesignRunner(Duration.ZERO)) {
            streampipe = runner.once(DesignRunner.STREAMPIPE, event, records, Duration.ZERO);
            perRecord = runner.once(DesignRunner.PER_RECORD, event, records, Duration.ZERO);
        }

        // THEN with both durations modelled the same way instead of timed (every call waited for in turn at the
        // table's default 5 ms: the per-record design's floor, the concurrent router's ceiling on waiting),
        // streampipe's total is lower; it sends the same records in fewer calls; its ledger reads are strongly
        // consistent (one RRU per key of these small items)
        assertThat(CostSheet.of(waitingOnEveryCall(streampipe), memoryMb).total())
                .isLessThan(CostSheet.of(waitingOnEveryCall(perRecord), memoryMb).total());
        // the same analytics bytes, a session's lines packed into one Firehose record: fewer records, fewer 5 KB
        // increments billed
        assertThat(streampipe.firehose().bytes()).isEqualTo(perRecord.firehose().bytes());
        assertThat(streampipe.firehose().entries()).isLessThan(perRecord.firehose().entries());
        assertThat(streampipe.firehose().billed()).isLessThan(perRecord.firehose().billed());
        assertThat(streampipe.firehose().calls()).isLessThan(perRecord.firehose().calls());
        assertThat(streampipe.sns().billed()).isLessThan(perRecord.sns().billed());
        assertThat(streampipe.summaryInvokes().billed()).isLessThan(perRecord.summaryInvokes().billed());
        assertThat(streampipe.ledger().reads()).isPositive();
        assertThat(streampipe.ledger().readUnits()).isEqualTo((double) streampipe.ledger().reads());
        assertThat(perRecord.ledger()).isEqualTo(Usage.Table.NONE);
    }

    private static Usage waitingOnEveryCall(Usage u) {
        return u.withInvocationNanos(u.calls() * Duration.ofMillis(5).toNanos());
    }
}

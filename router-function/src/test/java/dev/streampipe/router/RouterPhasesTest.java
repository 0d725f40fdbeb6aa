package dev.streampipe.router;

import static dev.streampipe.testing.PipelineTestDriver.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.aws.lambda.StreamRuntime;
import dev.streampipe.core.batch.BatchPhases;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.Phase;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.testing.InMemoryDeadLetterSink;
import dev.streampipe.testing.InMemoryEffectLedger;
import dev.streampipe.testing.InMemorySink;
import dev.streampipe.testing.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The phases the router's runtime reports for one invocation. */
@Tag("needs-repo") // reads the repository's events/
class RouterPhasesTest {
    private final ManualClock clock = ManualClock.at("2026-11-21T09:15:00Z");

    @Test
    void shouldReportDecodeEngineAndTailPhasesWhenAListenerIsGiven() throws Exception {
        // GIVEN the router with a phase listener, sinks on the caller's thread
        Map<String, InMemorySink> sinks = new LinkedHashMap<>();
        for (String name : SessionTopology.create(SessionSchema.DEFAULT).sinks()) {
            sinks.put(name, new InMemorySink(name));
        }
        List<BatchPhases> reported = new ArrayList<>();
        StreamRuntime router = StreamRuntime.builder(SessionTopology.create(SessionSchema.DEFAULT)).sinks(sinks)
                .ledger(new InMemoryEffectLedger()).ledgerRetry(RetryPolicy.DEFAULT, clock::advance)
                .deadLetters(new InMemoryDeadLetterSink())
                .stateStore(RouterWiring.inMemoryStateStore(SessionSchema.DEFAULT)).executor(Runnable::run).clock(clock).log(line -> { })
                .phases(reported::add).build();

        // WHEN it handles a mixed batch
        router.handle(new ByteArrayInputStream(Files.readAllBytes(event("mixed-batch.json"))),
                new ByteArrayOutputStream(), Deadline.after(Duration.ofMinutes(5), clock));

        // THEN one report: decode first, the ledgered sinks' phases, the tail last
        assertThat(reported).hasSize(1);
        List<BatchPhases.Span> spans = reported.get(0).spans();
        assertThat(spans.get(0).phase()).isEqualTo(Phase.DECODE);
        assertThat(spans.get(spans.size() - 1).phase()).isEqualTo(Phase.TAIL);
        assertThat(spans).extracting(BatchPhases.Span::phase).contains(Phase.ROUTE_LEDGERED, Phase.ROUTE_OTHERS,
                Phase.LEDGER_READ, Phase.SEND, Phase.LEDGER_WRITE, Phase.DELIVERY);
        assertThat(reported.get(0).span(Phase.DELIVERY, SessionTopology.ANALYTICS_SINK)).isPresent();
    }
}

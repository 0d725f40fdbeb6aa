package dev.streampipe.bench.items;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streampipe.core.decode.StreamEventDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The benchmark's two topologies stay equivalent: same routes, same bodies, for the benchmark's event. */
class SessionRoutesTest {
    private static final Path EVENT = Path.of("../events/mixed-batch-1000.json");

    @Test
    void shouldSendTheSameBodiesWhenTheEventGoesThroughTheTypedAndUntypedTopologies() throws Exception {
        // GIVEN
        byte[] json = Files.readAllBytes(EVENT);
        StreamEventDecoder decoder = new StreamEventDecoder();

        // WHEN each topology routes its own decoding of the event
        List<String> untyped = SessionRoutes.sent(SessionRoutes.untyped(), decoder.decode(json).records());
        List<String> typed = SessionRoutes.sent(SessionRoutes.typed(), decoder.decode(json).records());

        // THEN the same lines, none rejected, and every route taken (so the comparison covers each mapper)
        assertThat(typed).isEqualTo(untyped);
        assertThat(untyped).noneMatch(line -> line.contains(" REJECTED "));
        Map<String, Integer> perRoute = new TreeMap<>();
        untyped.forEach(line -> perRoute.merge(line.substring(0, line.indexOf(' ')), 1, Integer::sum));
        assertThat(perRoute).containsOnlyKeys("analytics", "status-events", "handoff-alerts", "turn-usage",
                "handoffs");
        assertThat(perRoute).containsEntry("analytics", 1000);
    }

    @Test
    void shouldWriteTheTypedValuesWhenAnAssistantTurnIsRouted() throws Exception {
        // GIVEN
        byte[] json = Files.readAllBytes(EVENT);

        // WHEN
        List<String> typed = SessionRoutes.sent(SessionRoutes.typed(), new StreamEventDecoder().decode(json).records());

        // THEN a turn-usage body carries the number, text and integer attributes read through the bean
        assertThat(typed).filteredOn(line -> line.startsWith("turn-usage ")).first().asString()
                .matches("turn-usage \\{\"pk\":\"SESSION#s-\\d+\",\"turnNumber\":\\d+,"
                        + "\"model\":\"support-bot-2026-10\",\"tokens\":\\d+\\}");
    }
}

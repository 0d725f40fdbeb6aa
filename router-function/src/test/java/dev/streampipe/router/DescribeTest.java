package dev.streampipe.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The session topology's outline: what docs/topology.md shows and the runtime logs once at init. */
class DescribeTest {
    @Test
    void shouldNameEveryRouteAndAggregationItsPredicateSinkAndLedgerWhenDescribed() {
        // WHEN the session topology is described
        String outline = SessionTopology.create(SessionSchema.DEFAULT).describe();
        System.out.println(outline);

        // THEN every route and both aggregations are there, with their sinks
        assertThat(outline).startsWith("topology (needs stream view type NEW_AND_OLD_IMAGES)")
                .contains("multicast analytics", "split by-item-type (first match wins)",
                        "branch trigger-summary", "when SK begins with \"TURN#\" and INSERT",
                        "page-handoff -> handoffs [ledgered] [needs NewImage]",
                        "no default branch",
                        "  aggregate table sessions-by-status: group by status (UNKNOWN when absent or not a short string),"
                                + " count where SK = \"META\" [8 write shards] [store sessions-by-status]"
                                + " -> status-metrics (changes)\n",
                        "  aggregate windowed handoffs-by-reason: tumbling 5m, grace 1m, group by reason (UNKNOWN when"
                                + " absent or not a short string), count where SK begins with \"HANDOFF#\" and INSERT"
                                + " [8 write shards] [store handoffs-by-reason] -> handoff-windows (final values)"
                                + " [ledgered]\n");
    }
}

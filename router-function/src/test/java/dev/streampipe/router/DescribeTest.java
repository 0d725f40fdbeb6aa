package dev.streampipe.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The session topology's outline: what docs/topology.md shows and the runtime logs once at init. */
class DescribeTest {
    @Test
    void shouldNameEveryRouteItsPredicateSinkAndLedgerWhenDescribed() {
        String outline = SessionTopology.create(SessionSchema.DEFAULT).describe();
        System.out.println(outline);

        assertThat(outline).startsWith("topology (needs stream view type NEW_AND_OLD_IMAGES)")
                .contains("multicast analytics", "split by-item-type (first match wins)",
                        "branch trigger-summary", "when SK begins with \"TURN#\" and INSERT",
                        "page-handoff -> handoffs [ledgered] [needs NewImage]",
                        "no default branch");
    }
}

package dev.streampipe.examples.snippets.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StockTopologyDescribeTest {
    @Test
    void shouldNameEachStoreWhenDescribed() {
        // WHEN / THEN the lines docs/state.md shows
        assertThat(StockTopology.create().describe()).contains("  aggregate table stock-by-warehouse: group by"
                + " warehouse, count, sum units where not discontinued [4 write shards] [store stock-by-warehouse] ->"
                + " stock-levels (changes)\n", "  aggregate windowed units-sold: tumbling 15m, grace 2m, group by"
                + " warehouse, sum units where quantity fell [store units-sold] -> sales-windows (final values)"
                + " [ledgered]\n");
    }
}

package dev.streampipe.hotkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.streampipe.testing.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties: with an admission floor of 1 WCU every key is counted exactly from its first
 * write, so engine rates must equal an exact model; threshold resolution must follow the
 * documented precedence cascade.
 */
class HotKeyEnginePropertiesTest {

    record Write(int key, int gapSeconds, int sizeBytes) {
    }

    @Provide
    Arbitrary<Write> writes() {
        return Combinators.combine(
                Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 3).withDistribution(net.jqwik.api.RandomDistribution.uniform()),
                Arbitraries.integers().between(0, 5_000)).as(Write::new);
    }

    @Property(tries = 300)
    void shouldMatchExactModelWhenEveryKeyIsTracked(
            @ForAll @Size(min = 1, max = 200) List<@net.jqwik.api.From("writes") Write> writes,
            @ForAll @IntRange(min = 1, max = 12) int window,
            @ForAll RateMode mode,
            @ForAll @IntRange(min = 0, max = 15) int queryDelaySeconds) {
        // GIVEN an engine that admits every key at its first write
        ManualClock clock = new ManualClock(Simulation.START);
        HotKeyEngine engine = HotKeyEngine.create(HotKeyConfig.builder()
                .defaultThreshold(Threshold.ofWcu(1_000)).admissionFraction(0.001)
                .windowSeconds(window).rateMode(mode).build(), clock);
        Map<String, TreeMap<Long, long[]>> model = new HashMap<>();

        // WHEN writes arrive in time order
        long second = Simulation.START.getEpochSecond();
        for (int i = 0; i < writes.size(); i++) {
            Write write = writes.get(i);
            second += write.gapSeconds();
            String key = "SESSION#" + write.key();
            String shard = "shard-" + (write.key() % 2);
            engine.record("t", key, shard, write.sizeBytes(), Instant.ofEpochSecond(second, i * 1_000L));
            for (String name : List.of("key:" + key, "shard:" + shard)) {
                long[] counts = model.computeIfAbsent(name, k -> new TreeMap<>()).computeIfAbsent(second, s -> new long[2]);
                counts[0] += WriteUnits.ofSize(write.sizeBytes());
                counts[1]++;
            }
        }
        long now = second + queryDelaySeconds;
        clock.set(Instant.ofEpochSecond(now, 123_000_000));

        // THEN every key's and shard's rate is the model's
        for (Map.Entry<String, TreeMap<Long, long[]>> entry : model.entrySet()) {
            double[] expected = expectedRates(entry.getValue(), now, window, mode);
            String name = entry.getKey();
            double[] actual = name.startsWith("key:")
                    ? keyRates(engine, name.substring(4))
                    : shardRates(engine, name.substring(6));
            assertThat(actual[0]).as("WCU/s of " + name).isCloseTo(expected[0], within(1e-9));
            assertThat(actual[1]).as("writes/s of " + name).isCloseTo(expected[1], within(1e-9));
        }
    }

    private static double[] keyRates(HotKeyEngine engine, String key) {
        KeyRate rate = engine.rateOf("t", key).orElseThrow();
        return new double[] {rate.wcuPerSecond(), rate.writesPerSecond()};
    }

    private static double[] shardRates(HotKeyEngine engine, String shard) {
        ShardRate rate = engine.topShards("t", 10).stream().filter(r -> r.shardId().equals(shard)).findFirst().orElseThrow();
        return new double[] {rate.wcuPerSecond(), rate.writesPerSecond()};
    }

    /** The documented definitions, computed from every write kept. */
    private static double[] expectedRates(TreeMap<Long, long[]> perSecond, long now, int window, RateMode mode) {
        double[] result = new double[2];
        long first = perSecond.firstKey();
        long observed = Math.max(1, Math.min(window, now - first));
        for (int measure = 0; measure < 2; measure++) {
            long current = perSecond.getOrDefault(now, new long[2])[measure];
            long previous = perSecond.getOrDefault(now - 1, new long[2])[measure];
            long sum = 0;
            for (long s = now - window; s <= now - 1; s++) {
                sum += perSecond.getOrDefault(s, new long[2])[measure];
            }
            result[measure] = mode.combine(Math.max(current, previous), (double) sum / observed);
        }
        return result;
    }

    record Rule(String table, String prefix, double limit) {
    }

    @Provide
    Arbitrary<Rule> rules() {
        Arbitrary<String> tables = Arbitraries.of("a", "b").injectNull(0.5);
        Arbitrary<String> prefixes = Arbitraries.of("S", "SE", "SES", "T").injectNull(0.4);
        return Combinators.combine(tables, prefixes, Arbitraries.doubles().between(1, 10_000)).as(Rule::new);
    }

    @Property(tries = 500)
    void shouldResolveByPrecedenceCascade(
            @ForAll @Size(max = 8) List<@net.jqwik.api.From("rules") Rule> rules,
            @ForAll("tableNames") String table,
            @ForAll("keys") String key) {
        // GIVEN arbitrary overrides (later ones replace earlier ones of the same scope)
        Thresholds thresholds = Thresholds.withDefault(Threshold.ofWcu(0.5));
        Map<ThresholdScope, Threshold> effective = new HashMap<>();
        for (Rule rule : rules) {
            ThresholdScope scope = new ThresholdScope(rule.table(), rule.prefix());
            thresholds = thresholds.with(scope, Threshold.ofWcu(rule.limit()));
            if (!scope.equals(ThresholdScope.defaults())) {
                effective.put(scope, Threshold.ofWcu(rule.limit()));
            }
        }

        // WHEN / THEN resolution equals the cascade: table+prefix, then prefix, then table, then
        // default — the longest matching prefix within a level
        Threshold expected = cascade(effective, table, key, true, true);
        if (expected == null) {
            expected = cascade(effective, table, key, false, true);
        }
        if (expected == null) {
            expected = effective.get(ThresholdScope.table(table));
        }
        if (expected == null) {
            expected = thresholds.defaultThreshold();
        }
        assertThat(thresholds.resolve(table, key)).isEqualTo(expected);
    }

    private static Threshold cascade(Map<ThresholdScope, Threshold> rules, String table, String key,
                                     boolean withTable, boolean withPrefix) {
        List<ThresholdScope> matching = new ArrayList<>();
        rules.keySet().forEach(scope -> {
            boolean tableOk = withTable ? table.equals(scope.table()) : scope.table() == null;
            boolean prefixOk = withPrefix && scope.prefix() != null && key.startsWith(scope.prefix());
            if (tableOk && prefixOk) {
                matching.add(scope);
            }
        });
        return matching.stream()
                .max((x, y) -> Integer.compare(x.prefix().length(), y.prefix().length()))
                .map(rules::get)
                .orElse(null);
    }

    @Provide
    Arbitrary<String> tableNames() {
        return Arbitraries.of("a", "b", "c");
    }

    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.of("SES#1", "SE", "S", "T#9", "X");
    }
}

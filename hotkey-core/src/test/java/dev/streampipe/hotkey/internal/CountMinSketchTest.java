package dev.streampipe.hotkey.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class CountMinSketchTest {

    @Property(tries = 200)
    void shouldNeverUnderestimateWhenUnitsAreAdded(
            @ForAll @Size(max = 2_000) List<@IntRange(min = 0, max = 5_000) Integer> keys,
            @ForAll @IntRange(min = 1, max = 400) int units) {
        // GIVEN a deliberately narrow sketch, so collisions are frequent
        CountMinSketch sketch = new CountMinSketch(64, 3);
        Map<Integer, Integer> truth = new HashMap<>();

        // WHEN every key is added
        for (int key : keys) {
            int estimate = sketch.addAndEstimate(CountMinSketch.mix(key), units);
            int exact = truth.merge(key, units, Integer::sum);

            // THEN every estimate is at least the true count
            assertThat(estimate).isGreaterThanOrEqualTo(exact);
        }
        truth.forEach((key, exact) -> assertThat(sketch.estimate(CountMinSketch.mix(key))).isGreaterThanOrEqualTo(exact));
    }

    @Test
    void shouldStayWithinEpsilonTimesTotalForAllButDeltaOfKeys() {
        // GIVEN the default stripe shape (width 4096, depth 4: ε = e/4096, δ = e^-4 ≈ 1.8%)
        CountMinSketch sketch = new CountMinSketch(4_096, 4);
        SplittableRandom random = new SplittableRandom(42);
        Map<Integer, Integer> truth = new HashMap<>();
        long total = 0;

        // WHEN 200,000 writes of 1..10 WCU land on 50,000 keys
        for (int i = 0; i < 200_000; i++) {
            int key = random.nextInt(50_000);
            int units = 1 + random.nextInt(10);
            sketch.addAndEstimate(CountMinSketch.mix(key), units);
            truth.merge(key, units, Integer::sum);
            total += units;
        }

        // THEN the share of keys overestimated by more than ε·N is at most δ
        double bound = Math.E / 4_096 * total;
        long violations = truth.entrySet().stream()
                .filter(e -> sketch.estimate(CountMinSketch.mix(e.getKey())) - e.getValue() > bound)
                .count();
        assertThat((double) violations / truth.size()).isLessThanOrEqualTo(Math.exp(-4));
    }

    @Test
    void shouldForgetEverythingWhenCleared() {
        CountMinSketch sketch = new CountMinSketch(64, 2);
        sketch.addAndEstimate(CountMinSketch.mix(1), 10);
        sketch.clear();
        assertThat(sketch.estimate(CountMinSketch.mix(1))).isZero();
    }
}

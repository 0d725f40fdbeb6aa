package dev.streampipe.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chaos run's CI version (issue #17): 20,000 records over 1,000 keys and 4 shards through the real router and
 * the same kinds of seeded faults as the full run, denser; then the broken variants and the baseline, each shown
 * failing the check its flaw breaks. Figures are counts from the endpoints and the state store, never timings.
 */
class ChaosRunCiTest {
    private static final String LOSS = "nothing lost";
    private static final String ONCE = "each page and status change exactly once (repeats only for lost ledger writes)";
    private static final String ORDER = "per partition key, each sink's first deliveries in sequence order";
    private static final String DLQ = "every poison (record, route) dead-lettered with its reason, nowhere else";
    private static final String GIVEN_UP = "on-failure only for records failed past the retry limit (named)";

    /** Both numbers of a {@code "a / b"} row. */
    private static long[] pair(ChaosVerdict verdict, String row) {
        String[] parts = verdict.rows().get(row).split(" / ");
        return new long[] {Long.parseLong(parts[0].trim()), Long.parseLong(parts[1].trim())};
    }

    private static String table(ChaosSettings settings, List<ChaosVerdict> verdicts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChaosHarness.print(settings, verdicts, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldLoseNothingPageOnceKeepStateExactAndDeadLetterEveryPoisonWhenTheRouterRunsThroughTheFaultSchedule() {
        // GIVEN the CI schedule, seeded
        ChaosSettings settings = ChaosSettings.ci(17);

        // WHEN the router runs it, twice
        ChaosVerdict first = ChaosHarness.run(settings, List.of(Variant.ROUTER)).get(0);
        ChaosVerdict again = ChaosHarness.run(settings, List.of(Variant.ROUTER)).get(0);
        System.out.println(table(settings, List.of(first)));

        // THEN every check holds, ordering included (a key's analytics lines travel in one Firehose record; a later
        // SNS/EventBridge message of a key is held back while an earlier one failed)
        first.checks().forEach((check, failure) -> assertThat(failure).as(check).isNull());
        assertThat(first.figure("order violations (must be 0)")).isZero();
        assertThat(first.figure("lost (after redrive; must be 0)")).isZero();
        assertThat(first.figure("records")).isGreaterThanOrEqualTo(20_000);
        // ... the aggregations' state is exactly the stream's truth, each window's final counts came once, and the
        // late handoffs were refused as the stream predicts
        assertThat(pair(first, ChaosVerdict.STATE_DRIFT)).containsExactly(0, 0);
        long[] results = pair(first, ChaosVerdict.WINDOW_RESULTS);
        assertThat(results[0]).isEqualTo(results[1]).isPositive();
        assertThat(first.rows().get(ChaosVerdict.WINDOW_RESULT_ERRORS)).matches("(\\d+) \\(\\1\\) / 0 / 0");
        long[] late = pair(first, ChaosVerdict.LATE);
        assertThat(late[0]).isEqualTo(late[1]).isPositive();
        first.rows().entrySet().stream().filter(e -> e.getKey().startsWith("  faults: ")
                        && !e.getKey().contains("latency"))
                .forEach(e -> assertThat(Long.parseLong(e.getValue())).as(e.getKey()).isPositive());
        // AND the same seed gives the same figures
        first.rows().forEach((row, value) -> {
            if (!row.equals("wall time")) {
                assertThat(again.rows().get(row)).as(row).isEqualTo(value);
            }
        });
    }

    @Test
    void shouldReportTheLossDuplicateOrDisorderEachBrokenVariantCausesWhenRunOverTheSameSchedule() {
        // GIVEN a smaller stream, the same kinds of faults
        ChaosSettings settings = ChaosSettings.ci(23).with(Map.of("records", "8000"));

        // WHEN each broken variant and the baseline run it
        List<ChaosVerdict> verdicts = ChaosHarness.run(settings, List.of(Variant.LAST_SEQUENCE, Variant.NO_REPORT,
                Variant.REVERSED, Variant.NO_LEDGER, Variant.UNPACKED, Variant.BASELINE, Variant.NO_GUARD));
        System.out.println(table(settings, verdicts));

        // THEN each is caught by the check its flaw breaks
        assertThat(verdicts.get(0).checks().get(LOSS)).as("last sequence number reported").isNotNull();
        assertThat(verdicts.get(1).checks().get(LOSS)).as("nothing reported").isNotNull();
        assertThat(verdicts.get(2).checks().get(ORDER)).as("batches reversed").isNotNull();
        assertThat(verdicts.get(3).checks().get(ONCE)).as("ledger skipped").isNotNull();
        assertThat(verdicts.get(4).checks().get(ORDER)).as("a Firehose record per line").isNotNull();
        assertThat(verdicts.get(4).rows().get("order violations (must be 0)")).as("a Firehose record per line")
                .matches("\\d+ \\(analytics \\d+\\)");
        assertThat(verdicts.get(5).checks().get(ONCE)).as("baseline: no ledger").isNotNull();
        assertThat(verdicts.get(5).checks().get(DLQ)).as("baseline: no dead letters").isNotNull();
        assertThat(verdicts.get(5).checks().get(GIVEN_UP)).as("baseline: poison given up").isNotNull();
        assertThat(verdicts.get(5).rows().get(ChaosVerdict.STATE_DRIFT)).as("baseline: no state").isEqualTo("n/a");
        long[] drift = pair(verdicts.get(6), ChaosVerdict.STATE_DRIFT);
        assertThat(drift[0] + drift[1]).as("state that adds on every apply").isPositive();
        assertThat(verdicts.get(6).checks().get(ChaosVerdict.STATE_ONCE)).as("state that adds on every apply")
                .isNotNull();
    }
}

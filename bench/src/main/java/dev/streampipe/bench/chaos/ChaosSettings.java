package dev.streampipe.bench.chaos;

import java.time.Duration;
import java.util.Map;

/**
 * One chaos run's size and fault schedule. Rates are per invocation (the chance that invocation {@code i} gets a
 * fault of that kind), except {@code poisonRate} (per turn; per handoff 20× for its page, 10× for a handoff without
 * creation time, 10× for a backdated one: see {@link SyntheticStream}) and {@code stuckRecords} (records whose
 * analytics entry fails on every attempt of the main run, so they must go past the retry limit to on-failure).
 * The state store's faults ({@code stateThrottleRate}, {@code stateOutageRate}, {@code stateAnswerLostRate}) are
 * those of {@link ChaosStateStore}.
 *
 * @param budget the invocation's deadline (Lambda timeout); {@code spike} is a latency longer than it
 */
record ChaosSettings(long seed, int records, int keys, int shards, int batchSize, int maxRetries, Duration budget,
                     Duration spike, double throttleRate, double serverErrorRate, double entryFailureRate,
                     double spikeRate, double ledgerReadOutageRate, double ledgerWriteOutageRate,
                     double crashBeforeLedgerWriteRate, double crashBeforeResponseRate, double stateThrottleRate,
                     double stateOutageRate, double stateAnswerLostRate, double poisonRate, int stuckRecords) {

    ChaosSettings {
        if (records < 1 || keys < 1 || shards < 1) {
            throw new IllegalArgumentException("records, keys and shards must be >= 1, were "
                    + records + ", " + keys + ", " + shards);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize must be 1..10000, was " + batchSize);
        }
        if (spike.compareTo(budget) <= 0) {
            throw new IllegalArgumentException("spike must be longer than budget " + budget + ", was " + spike);
        }
    }

    /** The full run: 200,000 records, 2,000 keys, 4 shards. */
    static ChaosSettings full(long seed) {
        return new ChaosSettings(seed, 200_000, 2_000, 4, 100, 5, Duration.ofSeconds(2), Duration.ofMillis(2300),
                0.03, 0.03, 0.05, 0.002, 0.02, 0.02, 0.01, 0.01, 0.03, 0.01, 0.01, 0.002, 5);
    }

    /** The CI run: 20,000 records, 1,000 keys, 4 shards, denser faults, one latency spike or two. */
    static ChaosSettings ci(long seed) {
        return new ChaosSettings(seed, 20_000, 1_000, 4, 100, 5, Duration.ofSeconds(2), Duration.ofMillis(2300),
                0.04, 0.04, 0.06, 0.004, 0.03, 0.03, 0.015, 0.015, 0.04, 0.015, 0.015, 0.003, 3);
    }

    /** Overrides from {@code name=value} arguments ({@code seed}, {@code records}, {@code keys}, {@code shards}). */
    ChaosSettings with(Map<String, String> args) {
        return new ChaosSettings(Long.parseLong(args.getOrDefault("seed", Long.toString(seed))),
                Integer.parseInt(args.getOrDefault("records", Integer.toString(records))),
                Integer.parseInt(args.getOrDefault("keys", Integer.toString(keys))),
                Integer.parseInt(args.getOrDefault("shards", Integer.toString(shards))), batchSize, maxRetries,
                budget, spike, throttleRate, serverErrorRate, entryFailureRate, spikeRate, ledgerReadOutageRate,
                ledgerWriteOutageRate, crashBeforeLedgerWriteRate, crashBeforeResponseRate, stateThrottleRate,
                stateOutageRate, stateAnswerLostRate, poisonRate, stuckRecords);
    }
}

package dev.streampipe.hotkey;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A table's measured traffic, the input of the throughput advice: the per-second distribution of
 * the table's WCU/s and RCU/s over the held seconds (the last {@code historySeconds} full seconds
 * evaluated), totals since the first second, and the ledger's keys, heaviest first.
 *
 * <p>Table totals are exact (every write and read recorded, scans included). Key figures are
 * exact from each key's admission as a candidate, so a key's share is a lower bound; keys
 * dropped from the ledger are absent.
 *
 * @param table            table name
 * @param fromSecond       first epoch second of the distributions
 * @param toSecond         last epoch second of the distributions
 * @param observedSeconds  seconds from the first recorded to the last (the totals' span)
 * @param missedSeconds    seconds not recorded because evaluations were further apart than the window
 * @param wcuPerSecond     distribution of the table's WCU per second
 * @param rcuPerSecond     distribution of the table's RCU per second
 * @param totalWcu         WCU since the first second
 * @param totalWrites      writes since the first second
 * @param totalRcu         RCU since the first second
 * @param totalReads       reads since the first second
 * @param keys             the ledger's keys, by load (6 × WCU + 2 × RCU, i.e. share of a partition) descending
 */
public record TrafficProfile(String table, long fromSecond, long toSecond, long observedSeconds, long missedSeconds,
                             Distribution wcuPerSecond, Distribution rcuPerSecond, long totalWcu, long totalWrites,
                             double totalRcu, long totalReads, List<KeyTraffic> keys) {

    /** Orders keys by their share of a partition's capacity: WCU/1,000 + RCU/3,000. */
    public static final Comparator<KeyTraffic> BY_LOAD = Comparator
            .comparingDouble((KeyTraffic k) -> -(k.wcu() * 3.0 + k.rcu())).thenComparing(KeyTraffic::key);

    public TrafficProfile {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(wcuPerSecond, "wcuPerSecond");
        Objects.requireNonNull(rcuPerSecond, "rcuPerSecond");
        keys = keys.stream().sorted(BY_LOAD).toList();
    }

    /** Seconds in the distributions: the advice's sample size. */
    public int sampleSeconds() {
        return wcuPerSecond.samples();
    }
}

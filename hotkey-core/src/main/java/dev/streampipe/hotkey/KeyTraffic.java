package dev.streampipe.hotkey;

/**
 * One key's traffic as harvested into the engine's ledger: totals and the busiest second, counted
 * exactly from the key's admission as a candidate (see {@link HotKeyEngine#trafficProfile}).
 *
 * @param key                partition key
 * @param wcu                WCU written in total
 * @param writes             writes in total
 * @param rcu                RCU read in total
 * @param reads              reads in total
 * @param peakWcuPerSecond   the most WCU in one second
 * @param peakRcuPerSecond   the most RCU in one second
 * @param secondsOverLimit   seconds above the 1,000 WCU/s or 3,000 RCU/s partition limit
 * @param firstSecond        first epoch second with traffic
 * @param lastSecond         last epoch second with traffic
 */
public record KeyTraffic(String key, long wcu, long writes, double rcu, long reads, double peakWcuPerSecond,
                         double peakRcuPerSecond, int secondsOverLimit, long firstSecond, long lastSecond) {
}

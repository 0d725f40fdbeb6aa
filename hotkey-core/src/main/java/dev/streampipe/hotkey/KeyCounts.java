package dev.streampipe.hotkey;

/**
 * One key's counts over the engine's window (the reference detector's "count in window").
 *
 * @param table         table name
 * @param key           partition key
 * @param windowSeconds window length
 * @param writes        writes in the window
 * @param wcu           WCU written in the window
 * @param reads         reads in the window
 * @param rcu           RCU read in the window
 */
public record KeyCounts(String table, String key, int windowSeconds, long writes, long wcu, long reads, double rcu) {
}

package dev.streampipe.hotkey.internal;

/** WCU/s, writes/s, RCU/s and reads/s as measured from {@link SecondRing}s. */
record Rates(double wcu, double writes, double rcu, double reads) {

    static final Rates ZERO = new Rates(0, 0, 0, 0);

    /** Rates of a ring holding units and operations, read as writes. */
    static Rates ofWrites(double wcu, double writes) {
        return new Rates(wcu, writes, 0, 0);
    }

    /** These write rates with the read rates of {@code readRing}, whose units are half-RCUs. */
    Rates withReads(Rates readRing) {
        return new Rates(wcu, writes, readRing.wcu / 2, readRing.writes);
    }
}

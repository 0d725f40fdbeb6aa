package dev.streampipe.core.hotkey;

/** WCU/s and writes/s as measured from a {@link SecondRing}. */
record Rates(double wcu, double writes) {
}

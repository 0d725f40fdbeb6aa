package dev.streampipe.bench.chaos;

/** The routers a chaos run can drive: ours, the Powertools-like baseline, and deliberately broken ones. */
enum Variant {
    ROUTER("streampipe router"),
    BASELINE("Powertools-like baseline"),
    LAST_SEQUENCE("broken: reports last seq"),
    NO_REPORT("broken: reports nothing"),
    REVERSED("broken: reverses batches"),
    NO_LEDGER("broken: skips the ledger"),
    UNPACKED("broken: a Firehose record per line"),
    NO_GUARD("broken: state adds on every apply");

    final String label;

    Variant(String label) {
        this.label = label;
    }
}

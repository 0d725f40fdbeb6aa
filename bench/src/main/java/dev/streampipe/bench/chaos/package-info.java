/**
 * The chaos run (issue #17): a seeded synthetic stream of session changes driven through the real router, via the
 * event source mapping's rules ({@code dev.streampipe.local.MappingSemantics}), with every sink and the effect
 * ledger on loopback endpoints that inject throttling, 5xx, per-entry failures, latency past the deadline, ledger
 * outages and crashes, and the router's aggregations in an in-memory state store that injects throttling, outages
 * and lost answers; then verified from what the endpoints recorded and what the store holds against the stream's
 * own truth, side by side with a Powertools-like baseline and deliberately broken variants. Entry point:
 * {@link dev.streampipe.bench.chaos.ChaosHarness}.
 */
package dev.streampipe.bench.chaos;

/**
 * Harnesses for the router Lambda that print figures: {@link dev.streampipe.bench.router.RouterFanOutBenchmark}
 * (API calls and wall time of the batched router against a naive per-record fan-out, on the loopback AWS endpoint
 * with per-call latency) and {@link dev.streampipe.bench.router.ColdStartBenchmark} (JVM start to first batch
 * handled, in fresh JVMs). Both run everything on loopback; nothing reaches AWS.
 */
package dev.streampipe.bench.router;

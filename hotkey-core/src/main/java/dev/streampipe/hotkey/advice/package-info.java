/**
 * Throughput advice computed from measured traffic ({@link dev.streampipe.hotkey.TrafficProfile}): per table
 * peak/p99 WCU/s and RCU/s, top keys' share, keys over the partition limits; per hot key the write shards needed
 * and the read pattern sharding forces; on-demand vs provisioned priced from list prices with a stated headroom
 * policy; a confidence computed from the sample size. Pure Java, deterministic; see
 * {@link dev.streampipe.hotkey.advice.ThroughputAdvisor}.
 */
package dev.streampipe.hotkey.advice;

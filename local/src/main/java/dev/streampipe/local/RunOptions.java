package dev.streampipe.local;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the local run does. Defaults: 60 s of load, 40 cold sessions at 40 writes/s in all, one hot session at 150
 * writes/s of ~1.5 KB turns (≈ 300 WCU/s) against a local hot-key threshold of 100 WCU/s (scaled down from
 * DynamoDB's 1,000 WCU/s partition limit so a laptop can cross it), batches of 100 with a 500 ms window, 1% of
 * analytics deliveries failing transiently to exercise redelivery.
 */
record RunOptions(Path out, Duration duration, int coldSessions, double coldWritesPerSecond,
                  double hotWritesPerSecond, int hotTurnBytes, double hotThresholdWcu, int batchSize,
                  Duration batchingWindow, int maxRetries, double sinkFailureRate, int summaryInterval, long seed) {

    RunOptions {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, was " + duration);
        }
        if (sinkFailureRate < 0 || sinkFailureRate >= 0.5) {
            throw new IllegalArgumentException("sinkFailureRate must be 0..0.5, was " + sinkFailureRate);
        }
        if (hotThresholdWcu <= 0) {
            throw new IllegalArgumentException("hotThresholdWcu must be positive, was " + hotThresholdWcu);
        }
    }

    static RunOptions defaults() {
        return new RunOptions(Path.of("streampipe-out"), Duration.ofSeconds(60), 40, 40, 150, 1500, 100, 100,
                Duration.ofMillis(500), 5, 0.01, 10, 42);
    }

    RunOptions withDuration(Duration d) {
        return new RunOptions(out, d, coldSessions, coldWritesPerSecond, hotWritesPerSecond, hotTurnBytes,
                hotThresholdWcu, batchSize, batchingWindow, maxRetries, sinkFailureRate, summaryInterval, seed);
    }

    RunOptions withOut(Path dir) {
        return new RunOptions(dir, duration, coldSessions, coldWritesPerSecond, hotWritesPerSecond, hotTurnBytes,
                hotThresholdWcu, batchSize, batchingWindow, maxRetries, sinkFailureRate, summaryInterval, seed);
    }

    RunOptions withRates(double cold, double hot) {
        return new RunOptions(out, duration, coldSessions, cold, hot, hotTurnBytes, hotThresholdWcu, batchSize,
                batchingWindow, maxRetries, sinkFailureRate, summaryInterval, seed);
    }

    RunOptions withSessions(int sessions) {
        return new RunOptions(out, duration, sessions, coldWritesPerSecond, hotWritesPerSecond, hotTurnBytes,
                hotThresholdWcu, batchSize, batchingWindow, maxRetries, sinkFailureRate, summaryInterval, seed);
    }
}

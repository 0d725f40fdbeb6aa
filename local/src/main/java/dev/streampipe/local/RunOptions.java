package dev.streampipe.local;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the local run does. Defaults: {@code template.yaml} in the working directory, 60 s of load, 40 cold
 * sessions at 30 writes/s in all, one hot session at 50 writes/s of ~3.5 KB turns (4 WCU each, ≈ 200 WCU/s)
 * against a local hot-key threshold of 100 WCU/s (scaled down from DynamoDB's 1,000 WCU/s partition limit so one
 * machine can cross it: moto takes a few hundred writes per second), batches of 100 with a 500 ms window, 1% of
 * analytics records failed by the Firehose endpoint until the stream redelivers them.
 */
record RunOptions(Path out, Path template, Duration duration, int coldSessions, double coldWritesPerSecond,
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
        return new RunOptions(Path.of("streampipe-out"), Path.of("template.yaml"), Duration.ofSeconds(60), 40, 30, 50, 3500, 100, 100,
                Duration.ofMillis(500), 5, 0.01, 10, 42);
    }

    RunOptions withDuration(Duration d) {
        return new RunOptions(out, template, d, coldSessions, coldWritesPerSecond, hotWritesPerSecond, hotTurnBytes,
                hotThresholdWcu, batchSize, batchingWindow, maxRetries, sinkFailureRate, summaryInterval, seed);
    }

    RunOptions withOut(Path dir) {
        return new RunOptions(dir, template, duration, coldSessions, coldWritesPerSecond, hotWritesPerSecond, hotTurnBytes,
                hotThresholdWcu, batchSize, batchingWindow, maxRetries, sinkFailureRate, summaryInterval, seed);
    }

    RunOptions withRates(double cold, double hot) {
        return new RunOptions(out, template, duration, coldSessions, cold, hot, hotTurnBytes, hotThresholdWcu, batchSize,
                batchingWindow, maxRetries, sinkFailureRate, summaryInterval, seed);
    }

    RunOptions withTemplate(Path file) {
        return new RunOptions(out, file, duration, coldSessions, coldWritesPerSecond, hotWritesPerSecond, hotTurnBytes,
                hotThresholdWcu, batchSize, batchingWindow, maxRetries, sinkFailureRate, summaryInterval, seed);
    }

    RunOptions withSessions(int sessions) {
        return new RunOptions(out, template, duration, sessions, coldWritesPerSecond, hotWritesPerSecond, hotTurnBytes,
                hotThresholdWcu, batchSize, batchingWindow, maxRetries, sinkFailureRate, summaryInterval, seed);
    }
}

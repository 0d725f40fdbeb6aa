package dev.streampipe.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the local run does. Defaults: {@code template.yaml} in the working directory, 60 s of load, 40 cold
 * sessions at 30 writes/s in all, one hot session at 50 writes/s of ~7.5 KB turns (8 WCU each, ≈ 400 WCU/s
 * offered) against a local hot-key threshold of 100 WCU/s (scaled down from DynamoDB's 1,000 WCU/s partition limit
 * so one machine can cross it). The hot session's writer is one thread waiting on each put, so a busy moto slows
 * it: large turns keep it over the threshold from 13 writes/s achieved (at ~3.5 KB turns it needed 25/s, and a
 * slow machine gave it exactly 25, 100 WCU/s, never over), batches of 100 with a 500 ms window, 1% of
 * analytics records failed by the Firehose endpoint until the stream redelivers them.
 */
record RunOptions(Path out, Path template, Duration duration, int coldSessions, double coldWritesPerSecond,
                  double hotWritesPerSecond, int hotTurnBytes, double hotThresholdWcu, int batchSize,
                  Duration batchingWindow, int maxRetries, double sinkFailureRate, int summaryInterval, long seed) {

    static final Duration MIN_DURATION = Duration.ofSeconds(1);
    static final Duration MAX_DURATION = Duration.ofHours(24);
    static final String USAGE = "run [--duration 60s] [--sessions 40] [--cold-rate 30] [--hot-rate 50] [--out DIR]"
            + " [--template FILE]";
    private static final Set<String> FLAGS = new LinkedHashSet<>(List.of("--duration", "--sessions", "--cold-rate",
            "--hot-rate", "--out", "--template"));

    RunOptions {
        if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration must be " + MIN_DURATION + ".." + MAX_DURATION + ", was "
                    + duration);
        }
        if (sinkFailureRate < 0 || sinkFailureRate >= 0.5) {
            throw new IllegalArgumentException("sinkFailureRate must be 0..0.5, was " + sinkFailureRate);
        }
        if (hotThresholdWcu <= 0) {
            throw new IllegalArgumentException("hotThresholdWcu must be positive, was " + hotThresholdWcu);
        }
    }

    /**
     * Reads the arguments after {@code run} over the defaults, and checks them all before anything starts: ranges,
     * that {@code --out} is (or can be created as) a writable folder, that {@code --template} is a template the run
     * can create ({@link RunTemplate}). Creates nothing; a mistake is a {@link BadInputException} naming the flag.
     */
    static RunOptions parse(List<String> args) {
        Flags flags = Flags.parse("run", args, FLAGS);
        RunOptions d = defaults();
        RunOptions o = d.withDuration(flags.duration("--duration", d.duration(), MIN_DURATION, MAX_DURATION))
                .withSessions(flags.integer("--sessions", d.coldSessions(), 1, Workload.Settings.MAX_COLD_SESSIONS))
                .withRates(rate(flags, "--cold-rate", d.coldWritesPerSecond()),
                        rate(flags, "--hot-rate", d.hotWritesPerSecond()))
                .withOut(FileArguments.writableDirectory("--out", flags.path("--out", d.out())))
                .withTemplate(flags.path("--template", d.template()));
        RunTemplate.read(o.template(), o.summaryInterval());
        return o;
    }

    private static double rate(Flags flags, String flag, double otherwise) {
        return flags.decimal(flag, otherwise, Workload.Settings.MIN_RATE, Workload.Settings.MAX_RATE, "writes per second");
    }

    static RunOptions defaults() {
        return new RunOptions(Path.of("streampipe-out"), Path.of("template.yaml"), Duration.ofSeconds(60), 40, 30, 50, 7500, 100, 100,
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

    /** The share of Firehose records the local endpoint fails (per record, until the stream redelivers them). */
    RunOptions withSinkFailureRate(double rate) {
        return new RunOptions(out, template, duration, coldSessions, coldWritesPerSecond, hotWritesPerSecond,
                hotTurnBytes, hotThresholdWcu, batchSize, batchingWindow, maxRetries, rate, summaryInterval, seed);
    }
}

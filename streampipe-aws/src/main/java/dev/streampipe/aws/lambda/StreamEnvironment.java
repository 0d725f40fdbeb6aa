package dev.streampipe.aws.lambda;

import dev.streampipe.aws.internal.SenderFactory;
import dev.streampipe.core.batch.EffectLedger;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.Sleeper;
import dev.streampipe.core.state.Aggregation;
import dev.streampipe.core.state.StateStore;
import dev.streampipe.core.state.StoreSpec;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Everything a {@link StreamApp} assembles its runtime from: the settings read from the environment, the AWS
 * adapters on the function's clients, the clock, the sleeper retries wait with, and the log. {@link #fromSystem()}
 * is the Lambda path (the only place that reads {@code System.getenv()} and builds clients); {@link #of} takes every
 * collaborator. {@link #runtime(Topology)} starts a runtime builder with the dead-letter queue, the effect ledger
 * (when a route is ledgered), the state store (when the topology has aggregations), the pools, the metric namespace, the bounded record of what each sink accepted
 * ({@link dev.streampipe.core.batch.BatchEngine.Builder#acceptedMemory}, default capacity), the clock and the log
 * already set. Neither makes a thread: the pools sinks flush and call on (daemon threads) start with the first batch
 * that sends something.
 */
public final class StreamEnvironment {
    /** The name prefix of the threads sinks flush on ({@code sink-1}, ...), one per sink. */
    static final String SINK_THREADS = "sink";
    /** The name prefix of the threads the sinks' and the ledger's API calls run on ({@code sink-call-1}, ...). */
    static final String CALL_THREADS = "sink-call";
    private final RuntimeSettings settings;
    private final AwsClients clients;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RetryPolicy retry;
    private final Consumer<String> log;
    private final EffectLedger ledgerOrNull;
    private final Function<List<StoreSpec>, StateStore> stateStoresOrNull;
    private final AwsSinks sinks;

    private StreamEnvironment(RuntimeSettings settings, AwsClients clients, Clock clock, Sleeper sleeper,
                              RetryPolicy retry, Consumer<String> log, EffectLedger ledgerOrNull,
                              Function<List<StoreSpec>, StateStore> stateStoresOrNull) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.log = Objects.requireNonNull(log, "log");
        this.ledgerOrNull = ledgerOrNull;
        this.stateStoresOrNull = stateStoresOrNull;
        DaemonPool callPool = new DaemonPool(CALL_THREADS, 4 * settings.maxConcurrentCalls());
        this.sinks = new AwsSinks(clients, new SenderFactory(retry, sleeper, new Random(), callPool,
                settings.maxConcurrentCalls()), clock, sleeper, log);
    }

    /**
     * Lambda's: {@code System.getenv()}, clients from the environment (fails naming {@code AWS_REGION} when it is
     * not set), the system clock, real sleeps, stdout.
     */
    public static StreamEnvironment fromSystem() {
        return of(System.getenv(), AwsClients.fromEnvironment(), Clock.systemUTC(), Sleeper.REAL,
                RetryPolicy.DEFAULT, System.out::println);
    }

    public static StreamEnvironment of(Map<String, String> env, AwsClients clients, Clock clock, Sleeper sleeper,
                                       RetryPolicy retry, Consumer<String> log) {
        return new StreamEnvironment(RuntimeSettings.fromEnvironment(env), clients, clock, sleeper, retry, log, null,
                null);
    }

    /** The same environment with another effect ledger (in memory, for benchmarks); DynamoDB is then not used. */
    public StreamEnvironment withLedger(EffectLedger ledger) {
        return new StreamEnvironment(settings, clients, clock, sleeper, retry, log,
                Objects.requireNonNull(ledger, "ledger"), stateStoresOrNull);
    }

    /**
     * The same environment with another state store for the aggregations, made from their stores' specs
     * ({@code withStateStore(InMemoryStateStore::new)} for tests and benchmarks: not durable, one per runtime);
     * DynamoDB is then not used for state.
     */
    public StreamEnvironment withStateStore(Function<List<StoreSpec>, StateStore> make) {
        return new StreamEnvironment(settings, clients, clock, sleeper, retry, log, ledgerOrNull,
                Objects.requireNonNull(make, "make"));
    }

    public RuntimeSettings settings() {
        return settings;
    }

    public AwsSinks sinks() {
        return sinks;
    }

    public AwsClients clients() {
        return clients;
    }

    public Clock clock() {
        return clock;
    }

    public Consumer<String> log() {
        return log;
    }

    /**
     * A runtime builder for {@code topology}: dead letters to {@code DEAD_LETTER_QUEUE_URL}, the effect ledger on
     * {@code LEDGER_TABLE_NAME} when a route is ledgered, the state store on {@code STATE_TABLE_NAME} when the
     * topology has aggregations (each fails naming its variable when it is not set), one sink thread per sink,
     * metrics in {@code METRIC_NAMESPACE}. Add the sinks the topology names and build.
     */
    public StreamRuntime.Builder runtime(Topology topology) {
        StreamRuntime.Builder b = StreamRuntime.builder(topology)
                .deadLetters(sinks.sqsDeadLetters(settings.deadLetterQueueUrl()))
                .ledgerRetry(retry, sleeper)
                .executor(new DaemonPool(SINK_THREADS, Math.max(2, topology.sinks().size() + 1)))
                .metricNamespace(settings.metricNamespace())
                .acceptedMemory(dev.streampipe.core.batch.BatchEngine.Builder.DEFAULT_ACCEPTED_MEMORY)
                .clock(clock)
                .log(log);
        if (topology.routes().stream().anyMatch(Route::ledgered)) {
            b.ledger(ledgerOrNull != null ? ledgerOrNull : sinks.dynamoDbLedger(settings.ledgerTable().orElseThrow(
                    () -> new IllegalStateException("environment variable LEDGER_TABLE_NAME is required: routes "
                            + topology.routes().stream().filter(Route::ledgered).map(Route::name).toList()
                            + " are ledgered")), settings.ledgerTtl()));
        }
        if (!topology.aggregations().isEmpty() && stateStoresOrNull != null) {
            b.stateStore(stateStoresOrNull.apply(topology.stores()));
        } else if (!topology.aggregations().isEmpty()) {
            b.stateStore(sinks.dynamoDbStateStore(settings.stateTable().orElseThrow(
                    () -> new IllegalStateException("environment variable " + RuntimeSettings.STATE_TABLE_NAME
                            + " is required: the topology keeps aggregations " + topology.aggregations().stream()
                            .map(Aggregation::name).toList() + " in a state table")), topology.stores()));
        }
        return b;
    }
}

package dev.streampipe.router;

import static dev.streampipe.router.SessionTopology.ANALYTICS_SINK;
import static dev.streampipe.router.SessionTopology.AUDIT_SINK;
import static dev.streampipe.router.SessionTopology.HANDOFFS_SINK;
import static dev.streampipe.router.SessionTopology.HANDOFF_WINDOWS_SINK;
import static dev.streampipe.router.SessionTopology.STATUS_EVENTS_SINK;
import static dev.streampipe.router.SessionTopology.STATUS_METRICS_SINK;
import static dev.streampipe.router.SessionTopology.SUMMARY_TRIGGER_SINK;

import dev.streampipe.aws.lambda.AwsSinks;
import dev.streampipe.aws.lambda.StreamEnvironment;
import dev.streampipe.aws.lambda.StreamRuntime;
import dev.streampipe.core.batch.DeadLetterSink;
import dev.streampipe.core.batch.EffectLedger;
import dev.streampipe.core.batch.Sink;
import dev.streampipe.core.state.InMemoryStateStore;
import dev.streampipe.core.state.StateStore;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The session router: its topology and the AWS sink behind each sink name, on the stream runtime. The topology's
 * aggregations need a state store: {@link #router(StreamEnvironment)} takes the one the environment's runtime
 * builder sets; the other entry points take one (an {@link InMemoryStateStore} in tests, the local run and the chaos
 * harness: {@link #inMemoryStateStore(SessionSchema)}).
 */
public final class RouterWiring {
    /**
     * The summary trigger's envelope field: a batch's closed windows reach the summary function in one
     * asynchronous invoke {@code {"windows":[{"sessionId":..,"window":..,...},...]}} (split only past 1 MiB).
     */
    public static final String SUMMARY_TRIGGER_FIELD = "windows";

    private RouterWiring() {
    }

    /**
     * The router on AWS: the session topology's sinks on the environment's clients (a
     * {@link dev.streampipe.aws.lambda.StreamApp}), its aggregations in the state store
     * {@link StreamEnvironment#runtime} sets.
     */
    public static StreamRuntime router(StreamEnvironment env) {
        return routerBuilder(env).build();
    }

    /** The router on AWS with its aggregations in {@code state} instead of the environment's store. */
    public static StreamRuntime router(StreamEnvironment env, StateStore state) {
        return routerBuilder(env, state).build();
    }

    /** {@link #router(StreamEnvironment)}'s runtime builder, for a caller that adds to it (a phase listener). */
    public static StreamRuntime.Builder routerBuilder(StreamEnvironment env) {
        RouterConfig config = RouterConfig.from(env.settings());
        AwsSinks aws = env.sinks();
        return env.runtime(SessionTopology.create(config.schema(), env.settings().metricNamespace(), env.clock()))
                .sink(aws.firehose(ANALYTICS_SINK, config.deliveryStream()))
                .sink(aws.log(AUDIT_SINK))
                .sink(aws.lambdaBatched(SUMMARY_TRIGGER_SINK, config.summaryFunctionName(), SUMMARY_TRIGGER_FIELD))
                .sink(aws.eventBridge(STATUS_EVENTS_SINK, config.eventBusName(), config.eventSource()))
                .sink(aws.sns(HANDOFFS_SINK, config.handoffTopicArn()))
                .sink(aws.log(STATUS_METRICS_SINK))
                .sink(aws.eventBridge(HANDOFF_WINDOWS_SINK, config.eventBusName(), config.eventSource()))
                .primeWith(Priming.SAMPLE);
    }

    /** {@link #routerBuilder(StreamEnvironment)} with its aggregations in {@code state}. */
    public static StreamRuntime.Builder routerBuilder(StreamEnvironment env, StateStore state) {
        return routerBuilder(env).stateStore(Objects.requireNonNull(state, "state"));
    }

    /**
     * The router over the session topology with any sinks by name (files or memory: the local replay), its
     * aggregations in {@code state}.
     */
    public static StreamRuntime router(SessionSchema schema, Map<String, ? extends Sink> sinks, EffectLedger ledger,
                                       DeadLetterSink deadLetters, StateStore state, Executor sinkPool,
                                       Consumer<String> log) {
        return StreamRuntime.builder(SessionTopology.create(schema)).sinks(sinks).ledger(ledger)
                .deadLetters(deadLetters).stateStore(state).executor(sinkPool).log(log).primeWith(Priming.SAMPLE)
                .build();
    }

    /** A state store in memory for the session topology's aggregations (one per run: it is the run's state). */
    public static InMemoryStateStore inMemoryStateStore(SessionSchema schema) {
        return new InMemoryStateStore(SessionTopology.create(schema).stores());
    }
}

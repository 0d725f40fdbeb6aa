package dev.streampipe.router;

import static dev.streampipe.router.SessionTopology.ANALYTICS_SINK;
import static dev.streampipe.router.SessionTopology.AUDIT_SINK;
import static dev.streampipe.router.SessionTopology.HANDOFFS_SINK;
import static dev.streampipe.router.SessionTopology.STATUS_EVENTS_SINK;
import static dev.streampipe.router.SessionTopology.SUMMARY_TRIGGER_SINK;

import dev.streampipe.aws.lambda.AwsSinks;
import dev.streampipe.aws.lambda.StreamEnvironment;
import dev.streampipe.aws.lambda.StreamRuntime;
import dev.streampipe.core.batch.DeadLetterSink;
import dev.streampipe.core.batch.EffectLedger;
import dev.streampipe.core.batch.Sink;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/** The session router: its topology and the AWS sink behind each sink name, on the stream runtime. */
public final class RouterWiring {
    /**
     * The summary trigger's envelope field: a batch's closed windows reach the summary function in one
     * asynchronous invoke {@code {"windows":[{"sessionId":..,"window":..,...},...]}} (split only past 1 MiB).
     */
    public static final String SUMMARY_TRIGGER_FIELD = "windows";

    private RouterWiring() {
    }

    /** The router on AWS: the session topology's sinks on the environment's clients (a {@link dev.streampipe.aws.lambda.StreamApp}). */
    public static StreamRuntime router(StreamEnvironment env) {
        return routerBuilder(env).build();
    }

    /** {@link #router(StreamEnvironment)}'s runtime builder, for a caller that adds to it (a phase listener). */
    public static StreamRuntime.Builder routerBuilder(StreamEnvironment env) {
        RouterConfig config = RouterConfig.from(env.settings());
        AwsSinks aws = env.sinks();
        return env.runtime(SessionTopology.create(config.schema()))
                .sink(aws.firehose(ANALYTICS_SINK, config.deliveryStream()))
                .sink(aws.log(AUDIT_SINK))
                .sink(aws.lambdaBatched(SUMMARY_TRIGGER_SINK, config.summaryFunctionName(), SUMMARY_TRIGGER_FIELD))
                .sink(aws.eventBridge(STATUS_EVENTS_SINK, config.eventBusName(), config.eventSource()))
                .sink(aws.sns(HANDOFFS_SINK, config.handoffTopicArn()))
                .primeWith(Priming.SAMPLE);
    }

    /** The router over the session topology with any sinks by name (files or memory: the local replay). */
    public static StreamRuntime router(SessionSchema schema, Map<String, ? extends Sink> sinks, EffectLedger ledger,
                                       DeadLetterSink deadLetters, Executor sinkPool, Consumer<String> log) {
        return StreamRuntime.builder(SessionTopology.create(schema)).sinks(sinks).ledger(ledger)
                .deadLetters(deadLetters).executor(sinkPool).log(log).primeWith(Priming.SAMPLE).build();
    }
}

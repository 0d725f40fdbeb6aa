package dev.streampipe.router;

import dev.streampipe.core.batch.BatchEngine;
import dev.streampipe.core.batch.DeadLetterSink;
import dev.streampipe.core.batch.EffectLedger;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.Sink;
import dev.streampipe.core.batch.Sleeper;
import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.router.aws.DynamoDbEffectLedger;
import dev.streampipe.router.aws.EventBridgeSink;
import dev.streampipe.router.aws.FirehoseSink;
import dev.streampipe.router.aws.LambdaInvokeSink;
import dev.streampipe.router.aws.LogSink;
import dev.streampipe.router.aws.SenderFactory;
import dev.streampipe.router.aws.SnsSink;
import dev.streampipe.router.aws.SqsDeadLetterSink;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Assembles a {@link Router} from a configuration and the AWS clients: the session topology, one adapter per sink,
 * the SNS and EventBridge sinks behind the effect ledger, the SQS dead-letter sink, two bounded thread pools (sinks,
 * and calls within sinks).
 */
public final class RouterWiring {
    private RouterWiring() {
    }

    /** The AWS clients the router needs; built by the caller (the handler's no-argument constructor, or a test). */
    public record Clients(FirehoseClient firehose, SnsClient sns, EventBridgeClient eventBridge, LambdaClient lambda,
                          SqsClient sqs, DynamoDbClient dynamoDb) {
    }

    /** The router with the effect ledger on {@code config.ledgerTable()} through {@code clients.dynamoDb()}. */
    public static Router router(RouterConfig config, Clients clients, Clock clock, Sleeper sleeper,
                                RetryPolicy retry, Consumer<String> log) {
        return router(config, clients, new DynamoDbEffectLedger(clients.dynamoDb(), config.ledgerTable(),
                config.ledgerTtl(), clock, sleeper), sleeper, retry, log);
    }

    /**
     * The router with a given effect ledger (e.g. an in-memory one for benchmarks); {@code clients.dynamoDb()} is
     * not used.
     */
    public static Router router(RouterConfig config, Clients clients, EffectLedger ledger, Sleeper sleeper,
                                RetryPolicy retry, Consumer<String> log) {
        ExecutorService sinkPool = sinkPool();
        ExecutorService callPool = Executors.newFixedThreadPool(4 * config.maxConcurrentCalls(), daemon("router-call"));
        SenderFactory senders = new SenderFactory(retry, sleeper, new Random(), callPool, config.maxConcurrentCalls());
        Map<String, Sink> sinks = Map.of(
                SessionTopology.ANALYTICS_SINK,
                new FirehoseSink(SessionTopology.ANALYTICS_SINK, clients.firehose(), config.deliveryStream(), senders),
                SessionTopology.AUDIT_SINK, new LogSink(SessionTopology.AUDIT_SINK, log),
                SessionTopology.SUMMARY_TRIGGER_SINK, new LambdaInvokeSink(SessionTopology.SUMMARY_TRIGGER_SINK,
                        clients.lambda(), config.summaryFunctionName(), senders),
                SessionTopology.STATUS_EVENTS_SINK, new EventBridgeSink(SessionTopology.STATUS_EVENTS_SINK,
                        clients.eventBridge(), config.eventBusName(), config.eventSource(), senders),
                SessionTopology.HANDOFFS_SINK, new SnsSink(SessionTopology.HANDOFFS_SINK, clients.sns(),
                        config.handoffTopicArn(), senders));
        BatchEngine engine = engine(config.schema(), sinks, ledger,
                new SqsDeadLetterSink(clients.sqs(), config.deadLetterQueueUrl(), senders), sinkPool, retry, sleeper);
        return new Router(new StreamEventDecoder(), engine, log, Clock.systemUTC(), config.metricNamespace());
    }

    /**
     * The router over the session topology with any sinks (by sink name): AWS ones here, files or memory in the local
     * runner and replay. The batch engine puts the sinks of ledgered routes behind {@code ledger} itself; a failed
     * ledger write is retried with the default policy.
     */
    public static Router router(SessionSchema schema, Map<String, Sink> sinks, EffectLedger ledger,
                                DeadLetterSink deadLetters, Executor sinkPool, Consumer<String> log) {
        return router(schema, sinks, ledger, deadLetters, sinkPool, RetryPolicy.DEFAULT, Sleeper.REAL,
                Clock.systemUTC(), log);
    }

    /** As above, with the ledger write retry policy, the sleeper it waits with, and the clock metrics are stamped by. */
    public static Router router(SessionSchema schema, Map<String, Sink> sinks, EffectLedger ledger,
                                DeadLetterSink deadLetters, Executor sinkPool, RetryPolicy ledgerRetry,
                                Sleeper sleeper, Clock clock, Consumer<String> log) {
        return new Router(new StreamEventDecoder(),
                engine(schema, sinks, ledger, deadLetters, sinkPool, ledgerRetry, sleeper), log, clock);
    }

    private static BatchEngine engine(SessionSchema schema, Map<String, Sink> sinks, EffectLedger ledger,
                                      DeadLetterSink deadLetters, Executor sinkPool, RetryPolicy ledgerRetry,
                                      Sleeper sleeper) {
        return BatchEngine.builder(SessionTopology.create(schema)).sinks(sinks).deadLetters(deadLetters)
                .ledger(ledger).ledgerRetry(ledgerRetry, sleeper, new Random()).executor(sinkPool).build();
    }

    /** The pool the batch engine flushes sinks on: one daemon thread per sink of the session topology and spare. */
    public static ExecutorService sinkPool() {
        return Executors.newFixedThreadPool(8, daemon("router-sink"));
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

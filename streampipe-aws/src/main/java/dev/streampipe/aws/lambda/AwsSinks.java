package dev.streampipe.aws.lambda;

import dev.streampipe.aws.DynamoDbEffectLedger;
import dev.streampipe.aws.DynamoDbStateStore;
import dev.streampipe.aws.EventBridgeSink;
import dev.streampipe.aws.FirehoseSink;
import dev.streampipe.aws.LambdaInvokeSink;
import dev.streampipe.aws.LogSink;
import dev.streampipe.aws.SnsSink;
import dev.streampipe.aws.SqsDeadLetterSink;
import dev.streampipe.aws.internal.SenderFactory;
import dev.streampipe.core.batch.DeadLetterSink;
import dev.streampipe.core.batch.EffectLedger;
import dev.streampipe.core.batch.Sink;
import dev.streampipe.core.state.StateStore;
import dev.streampipe.core.state.StoreSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The AWS adapters a topology's sinks are made of, sharing the function's clients, retry policy and one bounded
 * call pool: {@code sinks.firehose("analytics", stream)}, {@code sinks.sns("alerts", topicArn)}, ... Each adapter
 * batches at its API's limits and retries only the entries the service reports failed, within the invocation's
 * remaining time.
 */
public final class AwsSinks {
    private final AwsClients clients;
    private final SenderFactory senders;
    private final Clock clock;
    private final dev.streampipe.core.batch.Sleeper sleeper;
    private final Consumer<String> log;

    AwsSinks(AwsClients clients, SenderFactory senders, Clock clock, dev.streampipe.core.batch.Sleeper sleeper,
             Consumer<String> log) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.senders = Objects.requireNonNull(senders, "senders");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Records to a Firehose delivery stream ({@code PutRecordBatch}). */
    public Sink firehose(String name, String deliveryStream) {
        return new FirehoseSink(name, clients.firehose(sink(name, "firehose")), deliveryStream, senders);
    }

    /** Messages to an SNS topic ({@code PublishBatch}); a payload's {@code SnsOptions} set its
     * attributes and subject, its {@code FifoOptions} (FIFO topic) its group and de-duplication ids. */
    public Sink sns(String name, String topicArn) {
        return new SnsSink(name, clients.sns(sink(name, "sns")), topicArn, senders);
    }

    /** Events to an EventBridge bus ({@code PutEvents}); a payload's {@code EventBridgeOptions} set its
     * detail type and, optionally, its own source instead of {@code source}. */
    public Sink eventBridge(String name, String busName, String source) {
        return new EventBridgeSink(name, clients.eventBridge(sink(name, "eventBridge")), busName, source, senders);
    }

    /** Asynchronous invocations of a Lambda function, one payload each. */
    public Sink lambda(String name, String functionName) {
        return new LambdaInvokeSink(name, clients.lambda(sink(name, "lambda")), functionName, senders);
    }

    /**
     * Asynchronous invocations of a Lambda function carrying a delivery's messages together as
     * {@code {"<field>":[body,...]}}: one call per delivery, split only past 1 MiB (see
     * {@link LambdaInvokeSink#batched}). The function must accept that envelope.
     */
    public Sink lambdaBatched(String name, String functionName, String field) {
        return LambdaInvokeSink.batched(name, clients.lambda(sink(name, "lambdaBatched")),
                functionName, senders, field);
    }

    /** Each payload as one line of the function's log (an audit trail a subscription filter can ship). */
    public Sink log(String name) {
        return new LogSink(name, log);
    }

    /**
     * Dead letters to an SQS queue, with the raw record, the route and the reason; to a FIFO queue (URL ending in
     * {@code .fifo}) grouped by route and de-duplicated by effect key (see {@link SqsDeadLetterSink#fifoOptions}).
     */
    public DeadLetterSink sqsDeadLetters(String queueUrl) {
        return new SqsDeadLetterSink(clients.deadLetterSqs("dead letters to " + queueUrl
                + " (AwsSinks.sqsDeadLetters; the runtime's go to DEAD_LETTER_QUEUE_URL)"), queueUrl, senders);
    }

    /** The effect ledger on a DynamoDB table (partition key {@code PK}, TTL attribute {@code expires_at}). */
    public EffectLedger dynamoDbLedger(String table, Duration ttl) {
        return new DynamoDbEffectLedger(clients.dynamoDb("the effect ledger on table " + table
                + " (AwsSinks.dynamoDbLedger; the runtime's is LEDGER_TABLE_NAME, for ledgered routes)"), table, ttl,
                clock, sleeper, senders.callPool());
    }

    /**
     * The aggregations' state on a DynamoDB table (partition key {@code PK}, TTL attribute {@code expires_at}) for
     * {@code stores} ({@code topology.stores()}); its calls run on the sinks' call pool with their retry policy.
     */
    public StateStore dynamoDbStateStore(String table, Collection<StoreSpec> stores) {
        return new DynamoDbStateStore(clients.dynamoDb("the state store on table " + table
                + " (AwsSinks.dynamoDbStateStore; the runtime's is STATE_TABLE_NAME, for aggregations)"), table, stores,
                clock, senders.policy(), sleeper, senders.random(), senders.callPool());
    }

    /** Who asks for a client: the sink's name and the method that made it. */
    private static String sink(String name, String method) {
        return "sink '" + name + "' (AwsSinks." + method + ")";
    }
}

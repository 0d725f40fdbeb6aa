package dev.streampipe.aws.lambda;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.Sleeper;
import dev.streampipe.core.state.Aggregation;
import dev.streampipe.core.topology.Payload;
import dev.streampipe.core.topology.Route;
import dev.streampipe.core.topology.Topology;
import dev.streampipe.testing.StreamEvent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link StreamEnvironment}: what building it and a runtime start (no thread), and what the first batch starts. */
class StreamEnvironmentTest {
    private static final Map<String, String> ENV = Map.of(
            "DEAD_LETTER_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-dlq",
            "LEDGER_TABLE_NAME", "orders-effect-ledger");

    /** Given clients no test calls: building sinks and the ledger on them makes no call. */
    private static AwsClients idleClients() {
        return AwsClients.builder().sqs(new SqsClient() {
            @Override
            public String serviceName() {
                return SERVICE_NAME;
            }

            @Override
            public void close() {
            }
        }).dynamoDb(new DynamoDbClient() {
            @Override
            public String serviceName() {
                return SERVICE_NAME;
            }

            @Override
            public void close() {
            }
        }).build();
    }

    private static Topology topology(boolean ledgered) {
        Route.Builder route = Route.named("every-change").to("audit");
        return Topology.builder().multicast((ledgered ? route.ledgered() : route)
                .mapping(r -> Optional.of(Payload.of("{}")))).build();
    }

    /** The live threads whose names start {@code sink-}: the sinks' pool and the call pool. */
    private static List<Thread> sinkThreads() {
        List<Thread> threads = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(StreamEnvironment.SINK_THREADS + "-")) {
                threads.add(t);
            }
        }
        return threads;
    }

    @Test
    void shouldStartNoThreadWhenAnEnvironmentAndARuntimeAreBuilt() {
        // GIVEN the sink threads alive now
        int before = sinkThreads().size();

        // WHEN an environment, its sinks and a runtime with a ledgered route (DynamoDB ledger) are built
        List<String> log = new ArrayList<>();
        StreamEnvironment env = StreamEnvironment.of(ENV, idleClients(), Clock.systemUTC(), Sleeper.REAL,
                RetryPolicy.DEFAULT, log::add);
        StreamRuntime runtime = env.runtime(topology(true)).sink(env.sinks().log("audit")).build();

        // THEN no thread has started
        assertThat(runtime.topology().routes()).singleElement().satisfies(r -> assertThat(r.ledgered()).isTrue());
        assertThat(sinkThreads()).hasSize(before);
    }

    @Test
    void shouldFlushOnADaemonSinkThreadWhenTheFirstBatchSends() {
        // GIVEN a built runtime, its audit sink logging the payloads
        List<String> log = new ArrayList<>();
        StreamEnvironment env = StreamEnvironment.of(ENV, idleClients(), Clock.systemUTC(), Sleeper.REAL,
                RetryPolicy.DEFAULT, line -> {
                    synchronized (log) {
                        log.add(Thread.currentThread().getName() + " " + Thread.currentThread().isDaemon() + " "
                                + line);
                    }
                });
        StreamRuntime runtime = env.runtime(topology(false)).sink(env.sinks().log("audit")).build();

        // WHEN it handles one record
        String event = StreamEvent.of(StreamEvent.insert("PK", "ORDER#1", "SK", "ORDER#1").newImage("status", "NEW"));
        runtime.handle(new ByteArrayInputStream(event.getBytes(UTF_8)), new ByteArrayOutputStream(),
                () -> Duration.ofMinutes(1));

        // THEN the payload was logged on a daemon thread of the sinks' pool
        assertThat(log).filteredOn(l -> l.endsWith(" {}")).singleElement()
                .satisfies(l -> assertThat(l).matches("sink-\\d+ true \\{}"));
    }

    /** A topology counting items per status in a state store. */
    private static Topology aggregating() {
        return Topology.builder().aggregate(Aggregation.table("by-status")
                .groupBy("status", item -> item.string("status").orElse(null)).count().build()).build();
    }

    @Test
    void shouldFailNamingTheVariableAndTheAggregationsWhenTheStateTableIsNotSet() {
        // GIVEN an environment without STATE_TABLE_NAME
        StreamEnvironment env = StreamEnvironment.of(ENV, idleClients(), Clock.systemUTC(), Sleeper.REAL,
                RetryPolicy.DEFAULT, line -> { });

        // WHEN / THEN a runtime for a topology with an aggregation is refused, naming what is missing and why
        assertThatThrownBy(() -> env.runtime(aggregating()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("STATE_TABLE_NAME").hasMessageContaining("by-status");
    }

    @Test
    void shouldBuildWithTheDynamoDbStateStoreWhenTheStateTableIsSet() {
        // GIVEN an environment naming the state table
        Map<String, String> env = new HashMap<>(ENV);
        env.put("STATE_TABLE_NAME", "orders-state");
        StreamEnvironment environment = StreamEnvironment.of(env, idleClients(), Clock.systemUTC(), Sleeper.REAL,
                RetryPolicy.DEFAULT, line -> { });

        // WHEN a runtime for a topology with an aggregation is built (the engine refuses one without a state store)
        StreamRuntime runtime = environment.runtime(aggregating()).build();

        // THEN it keeps the aggregation; without aggregations no state table is needed
        assertThat(runtime.topology().aggregations()).extracting(Aggregation::name).containsExactly("by-status");
        assertThat(StreamEnvironment.of(ENV, idleClients(), Clock.systemUTC(), Sleeper.REAL, RetryPolicy.DEFAULT,
                line -> { }).runtime(topology(false)).sink(environment.sinks().log("audit")).build()).isNotNull();
    }

    @Test
    void shouldMakeThePoolOnTheFirstTaskOnlyWhenADaemonPoolRuns() throws Exception {
        // GIVEN a pool no task has used
        DaemonPool pool = new DaemonPool("test-pool", 2);
        assertThat(pool.started()).isFalse();

        // WHEN a task runs on it
        AtomicReference<Thread> ran = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        pool.execute(() -> {
            ran.set(Thread.currentThread());
            done.countDown();
        });

        // THEN it ran on a daemon thread named after the pool
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.started()).isTrue();
        assertThat(ran.get().getName()).isEqualTo("test-pool-1");
        assertThat(ran.get().isDaemon()).isTrue();
    }
}

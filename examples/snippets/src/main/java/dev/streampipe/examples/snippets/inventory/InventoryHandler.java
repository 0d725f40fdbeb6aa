package dev.streampipe.examples.snippets.inventory;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.streampipe.aws.lambda.StreamEnvironment;
import dev.streampipe.aws.lambda.StreamRuntime;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The inventory stream function ({@code dev.streampipe.examples.snippets.inventory.InventoryHandler::handleRequest}).
 * Environment: {@code ANALYTICS_DELIVERY_STREAM}, {@code REORDER_TOPIC_ARN}, {@code STOCK_EVENT_BUS}, plus the
 * runtime's {@code DEAD_LETTER_QUEUE_URL} and {@code LEDGER_TABLE_NAME}.
 */
// tag::handler[]
public final class InventoryHandler implements RequestStreamHandler {
    private final StreamRuntime runtime;

    /** Lambda calls this one: it reads the environment and builds the clients (no network call). */
    public InventoryHandler() {
        this(StreamRuntime.fromEnvironment(InventoryHandler::runtime));
    }

    /** Tests call this one with a runtime of their own. */
    public InventoryHandler(StreamRuntime runtime) {
        this.runtime = runtime;
    }

    /** The topology's sinks on AWS (a {@code StreamApp}). */
    public static StreamRuntime runtime(StreamEnvironment env) {
        return env.runtime(InventoryTopology.create())
                .sink(env.sinks().firehose(InventoryTopology.ANALYTICS_SINK,
                        env.settings().required("ANALYTICS_DELIVERY_STREAM")))
                .sink(env.sinks().sns(InventoryTopology.REORDER_ALERTS_SINK,
                        env.settings().required("REORDER_TOPIC_ARN")))
                .sink(env.sinks().eventBridge(InventoryTopology.STOCK_EVENTS_SINK,
                        env.settings().required("STOCK_EVENT_BUS"), "example.inventory"))
                .build();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        runtime.handle(input, output, context);
    }
}
// end::handler[]

package dev.streampipe.examples.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.streampipe.aws.lambda.StreamEnvironment;
import dev.streampipe.aws.lambda.StreamRuntime;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The orders stream function ({@code dev.streampipe.examples.orders.OrdersHandler::handleRequest}). Environment:
 * {@code ANALYTICS_DELIVERY_STREAM}, {@code ORDER_EVENT_BUS}, {@code PAYMENT_ALERT_TOPIC_ARN}, plus the runtime's
 * {@code DEAD_LETTER_QUEUE_URL} and {@code LEDGER_TABLE_NAME}.
 */
public final class OrdersHandler implements RequestStreamHandler {
    private final StreamRuntime runtime;

    public OrdersHandler() {
        this(StreamRuntime.fromEnvironment(OrdersHandler::runtime));
    }

    public OrdersHandler(StreamRuntime runtime) {
        this.runtime = runtime;
    }

    /** The topology's sinks on AWS. */
    public static StreamRuntime runtime(StreamEnvironment env) {
        return env.runtime(OrdersTopology.create())
                .sink(env.sinks().firehose(OrdersTopology.ANALYTICS_SINK,
                        env.settings().required("ANALYTICS_DELIVERY_STREAM")))
                .sink(env.sinks().eventBridge(OrdersTopology.ORDER_EVENTS_SINK,
                        env.settings().required("ORDER_EVENT_BUS"), "example.orders"))
                .sink(env.sinks().sns(OrdersTopology.PAYMENT_ALERTS_SINK,
                        env.settings().required("PAYMENT_ALERT_TOPIC_ARN")))
                .build();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        runtime.handle(input, output, context);
    }
}

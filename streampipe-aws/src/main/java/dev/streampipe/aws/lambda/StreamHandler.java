package dev.streampipe.aws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.Objects;

/**
 * A DynamoDB Streams handler on the Lambda events library's types ({@code RequestHandler<DynamodbEvent,
 * StreamsEventResponse>}) that runs a {@link StreamApp}: a handler written against those types becomes a stream
 * function by extending this class instead, with nothing but a no-argument constructor naming its app.
 *
 * <pre>{@code
 * public final class OrdersHandler extends StreamHandler {
 *     public OrdersHandler() {
 *         super(OrdersApp::create);
 *     }
 * }
 * }</pre>
 *
 * A handler that keeps its own class delegates in one line instead:
 * {@code return runtime.handle(event, context);} with
 * {@code runtime = StreamRuntime.fromEnvironment(OrdersApp::create)} built in its no-argument constructor. Either way
 * each invocation is {@link StreamRuntime#handle(DynamodbEvent, Context)}. Requires {@code ReportBatchItemFailures}
 * on the event source mapping, and {@code com.amazonaws:aws-lambda-java-events} among the function's dependencies
 * (an optional dependency of this library, which a handler on those types already declares).
 */
public abstract class StreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final StreamRuntime runtime;

    /**
     * The Lambda path: {@code app}'s runtime on the function's environment ({@link StreamRuntime#fromEnvironment}).
     * Call it from the handler's no-argument constructor.
     */
    protected StreamHandler(StreamApp app) {
        this(StreamRuntime.fromEnvironment(Objects.requireNonNull(app, "app")));
    }

    /** A handler on a runtime built elsewhere (tests, an environment of one's own). */
    protected StreamHandler(StreamRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public final StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return runtime.handle(event, context);
    }

    /** The runtime this handler runs. */
    public final StreamRuntime runtime() {
        return runtime;
    }
}

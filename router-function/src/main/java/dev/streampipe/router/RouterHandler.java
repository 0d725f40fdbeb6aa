package dev.streampipe.router;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.streampipe.aws.lambda.StreamRuntime;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The stream router Lambda ({@code dev.streampipe.router.RouterHandler::handleRequest}). The no-argument
 * constructor is the only place that reads the environment and builds clients (no network call; SnapStart primes
 * the runtime before the snapshot); the other takes a ready runtime.
 */
public final class RouterHandler implements RequestStreamHandler {
    private final StreamRuntime runtime;

    public RouterHandler() {
        this(StreamRuntime.fromEnvironment(RouterWiring::router));
    }

    public RouterHandler(StreamRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        runtime.handle(input, output, context);
    }
}

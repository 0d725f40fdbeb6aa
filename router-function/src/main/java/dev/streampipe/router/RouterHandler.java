package dev.streampipe.router;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.streampipe.core.batch.RetryPolicy;
import dev.streampipe.core.batch.Sleeper;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.crac.Core;
import org.crac.Resource;

/**
 * The stream router Lambda ({@code dev.streampipe.router.RouterHandler::handleRequest}). The no-argument
 * constructor is the only place that reads the environment and builds clients (no network call); the other takes
 * a ready {@link Router}. With SnapStart, {@link #beforeCheckpoint} primes decoding and routing on a built-in
 * sample so the restored snapshot starts warm.
 */
public final class RouterHandler implements RequestStreamHandler, Resource {
    private final Router router;

    public RouterHandler() {
        this(RouterWiring.router(RouterConfig.fromEnvironment(System.getenv()), AwsClients.fromEnvironment(),
                Clock.systemUTC(), Sleeper.REAL, RetryPolicy.DEFAULT, System.out::println));
        Core.getGlobalContext().register(this);
    }

    public RouterHandler(Router router) {
        this.router = Objects.requireNonNull(router, "router");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        router.handle(input, output, () -> Duration.ofMillis(context.getRemainingTimeInMillis()));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.prime();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to refresh: clients hold no connections until first use.
    }
}

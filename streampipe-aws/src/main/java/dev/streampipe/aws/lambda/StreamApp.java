package dev.streampipe.aws.lambda;

/**
 * What a stream function is: its topology and the sinks it names, assembled from a {@link StreamEnvironment}.
 * A handler's no-argument constructor passes one to {@link StreamRuntime#fromEnvironment(StreamApp)}; tests and
 * the local run call it with an environment of their own.
 *
 * <pre>{@code
 * StreamApp orders = env -> env.runtime(OrdersTopology.create())
 *         .sink(env.sinks().firehose("analytics", env.settings().required("ANALYTICS_DELIVERY_STREAM")))
 *         .build();
 * }</pre>
 */
@FunctionalInterface
public interface StreamApp {
    StreamRuntime create(StreamEnvironment environment);
}

package dev.streampipe.testing.aws;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * AWS Lambda {@code Invoke} over REST-JSON ({@code POST /2015-03-31/functions/{name}/invocations}). Entries are
 * {@link LambdaInvocation}s. {@code Event} invocations are answered 202 with no body, {@code DryRun} 204, and
 * {@code RequestResponse} 200 with the payload from {@link #respondWith(Function)} (default {@code null}).
 * Errors carry {@code x-amzn-ErrorType}; {@link #throttle(int)} answers {@code TooManyRequestsException} with
 * HTTP 429. An injected entry failure fails the call (e.g. {@code ServiceException} gives HTTP 500).
 */
public final class LambdaStub extends ServiceStub<LambdaInvocation, LambdaStub> {

    /** Service name for {@link LoopbackAws#calls(String, String)}. */
    public static final String SERVICE = "Lambda";

    private final JsonProtocol protocol = JsonProtocol.restJson();
    private volatile Function<LambdaInvocation, String> responder = invocation -> "null";

    LambdaStub() {
        super(SERVICE);
    }

    /** The function result returned for {@code RequestResponse} invocations. */
    public LambdaStub respondWith(Function<LambdaInvocation, String> responder) {
        this.responder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    @Override
    boolean accepts(LoopbackRequest request) {
        List<String> path = request.pathSegments();
        return path.size() == 4 && path.get(0).equals("2015-03-31") && path.get(1).equals("functions")
                && path.get(3).equals("invocations");
    }

    @Override
    Operation<LambdaInvocation> decode(LoopbackRequest request) {
        String type = request.header("x-amz-invocation-type");
        LambdaInvocation invocation = new LambdaInvocation(request.pathSegments().get(2),
                request.queryParameter("Qualifier"), type == null ? "RequestResponse" : type, request.body());
        return new Operation<>("Invoke", List.of(invocation), false);
    }

    @Override
    InjectedError throttlingError() {
        return new InjectedError("TooManyRequestsException", "Rate Exceeded.", 429);
    }

    @Override
    LoopbackResponse success(RecordedCall<LambdaInvocation> call) {
        LambdaInvocation invocation = call.entries().get(0);
        return switch (invocation.invocationType()) {
            case "Event" -> LoopbackResponse.empty(202);
            case "DryRun" -> LoopbackResponse.empty(204);
            default -> LoopbackResponse.of(200, "application/json",
                            responder.apply(invocation).getBytes(StandardCharsets.UTF_8))
                    .withHeader("X-Amz-Executed-Version", "$LATEST");
        };
    }

    @Override
    LoopbackResponse failure(InjectedError error) {
        return protocol.error(error);
    }
}

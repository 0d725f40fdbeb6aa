package dev.streampipe.testing.aws;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * What every loopback service offers tests: fault programming, latency, and the recorded calls.
 *
 * <p>Contract: all methods are thread-safe and may be called while SDK clients are calling the endpoint.
 * Faults are consumed in the order they were programmed (see {@link FaultPlan}); a call that fails as a whole
 * consumes no entry fault. For single-item operations (SNS {@code Publish}, SQS {@code SendMessage}, Lambda,
 * CloudWatch, Bedrock) an entry failure fails the whole call with that error code.
 *
 * @param <E> decoded entry type
 * @param <S> the concrete stub type, returned by the fluent methods
 */
public abstract class ServiceStub<E, S extends ServiceStub<E, S>> {

    /** Attempt count meaning "fail every time". */
    public static final int ALWAYS = Integer.MAX_VALUE;

    /** One decoded API call: operation name, entries, and whether the protocol reports entries one by one. */
    record Operation<E>(String name, List<E> entries, boolean batch) {
    }

    private final String service;
    private final FaultPlan<E> faults = new FaultPlan<>();
    private final ConcurrentLinkedQueue<RecordedCall<E>> calls = new ConcurrentLinkedQueue<>();
    private volatile Duration latency;

    ServiceStub(String service) {
        this.service = service;
    }

    /** The service name used in {@link LoopbackAws#calls(String, String)}, e.g. {@code Firehose}. */
    public final String service() {
        return service;
    }

    /** The next {@code calls} calls fail with this service's throttling error (see each stub's javadoc). */
    public final S throttle(int calls) {
        faults.failCalls(calls, throttlingError());
        return self();
    }

    /** The next {@code calls} calls fail as a whole with {@code errorCode} and {@code httpStatus}. */
    public final S failCalls(int calls, String errorCode, int httpStatus) {
        faults.failCalls(calls, new InjectedError(errorCode, "injected by loopback endpoint: " + errorCode, httpStatus));
        return self();
    }

    /**
     * Entries matching {@code matcher} are answered with {@code errorCode} on their first {@code attempts}
     * attempts (use {@link #ALWAYS} for every attempt), then accepted. Entries equal in content share one count.
     */
    public final S failEntriesMatching(Predicate<? super E> matcher, String errorCode, int attempts) {
        faults.failEntriesMatching(Objects.requireNonNull(matcher, "matcher"), InjectedError.of(errorCode), attempts);
        return self();
    }

    /** In each of the next {@code calls} calls, the entries at these positions are answered with {@code errorCode}. */
    public final S failEntriesAt(Set<Integer> indexes, String errorCode, int calls) {
        faults.failEntriesAt(indexes, InjectedError.of(errorCode), calls);
        return self();
    }

    /** Fixed latency added to every call of this service; overrides {@link LoopbackAws#latency(Duration)}. */
    public final S latency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must be >= 0, was " + latency);
        }
        this.latency = latency;
        return self();
    }

    /** Every recorded call, in arrival order. */
    public final List<RecordedCall<E>> calls() {
        return List.copyOf(calls);
    }

    /** Recorded calls of one operation, in arrival order. */
    public final List<RecordedCall<E>> calls(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).toList();
    }

    /** Every entry received, including retries and entries of failed calls, in arrival order. */
    public final List<E> received() {
        List<E> received = new ArrayList<>();
        calls.forEach(c -> received.addAll(c.entries()));
        return received;
    }

    /** Entries the endpoint answered as accepted, in arrival order. */
    public final List<E> accepted() {
        List<E> accepted = new ArrayList<>();
        calls.forEach(c -> accepted.addAll(c.accepted()));
        return accepted;
    }

    /** Forgets recorded calls, programmed faults and this service's latency. */
    public final void reset() {
        calls.clear();
        faults.clear();
        latency = null;
    }

    final Optional<Duration> ownLatency() {
        return Optional.ofNullable(latency);
    }

    /** Decodes, decides faults, records and answers one request this stub {@link #accepts accepts}. */
    final LoopbackResponse handle(LoopbackRequest request) {
        Operation<E> operation = decode(request);
        FaultPlan.Decision decision = faults.decide(operation.entries());
        InjectedError callError = decision.callError();
        if (callError == null && !operation.batch() && !decision.entryErrors().isEmpty()) {
            callError = decision.entryErrors().values().iterator().next();
        }
        RecordedCall<E> call = callError == null
                ? new RecordedCall<>(service, operation.name(), operation.entries(), null, decision.entryErrors())
                : new RecordedCall<>(service, operation.name(), operation.entries(), callError, Map.of());
        calls.add(call);
        return callError == null ? success(call) : failure(callError);
    }

    /** True if this stub serves the request (decided on headers and path only). */
    abstract boolean accepts(LoopbackRequest request);

    /**
     * Decodes the request into an operation.
     *
     * @throws UnsupportedRequestException if the operation is not one this stub serves
     */
    abstract Operation<E> decode(LoopbackRequest request);

    /** The error {@link #throttle(int)} answers with. */
    abstract InjectedError throttlingError();

    /** The successful answer, reporting {@link RecordedCall#entryErrors()} the way the service does. */
    abstract LoopbackResponse success(RecordedCall<E> call);

    /** A whole-call error in the service's protocol. */
    abstract LoopbackResponse failure(InjectedError error);

    @SuppressWarnings("unchecked")
    private S self() {
        return (S) this;
    }

    /** Thrown by {@link #decode} for a request the stub recognises as its service but cannot serve. */
    static final class UnsupportedRequestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnsupportedRequestException(String message) {
            super(message);
        }
    }
}

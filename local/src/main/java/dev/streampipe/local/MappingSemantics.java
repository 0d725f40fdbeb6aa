package dev.streampipe.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What Lambda's event source mapping does with one batch read from a stream shard, apart from reading: invoke the
 * function; on a partial batch response checkpoint at the <b>lowest</b> reported sequence number (an identifier not
 * in the batch fails the whole batch) and invoke again with the rest; on a function error (an exception: a crash, a
 * timeout) bisect the batch if enabled and retry both halves; after {@code maxRetries} retries hand what is left to
 * the on-failure destination and move on. Used by the local run's {@link EventSourceMapping}, by {@code redrive}
 * and by the chaos harness, so all three share one implementation of these rules.
 *
 * <p>Contract: {@link #deliver} returns only when every record of the batch is either done or handed to
 * {@code onFailure}, or throws the invoker's {@link NotInvokedException} (what is left of the batch is then neither);
 * records are handed over in shard order; not thread-safe per batch (one batch in flight per
 * shard, as Lambda does), but one instance may serve several shards from several threads if the listener is.
 *
 * @param <R> the record type
 */
public final class MappingSemantics<R> {

    /**
     * The function could not be invoked at all: the invoke API failed (unreachable, no such function, refused), so
     * the function never saw the batch. Not a function error: {@link #deliver} neither retries nor bisects nor hands
     * the batch on, it throws this to its caller.
     */
    public static final class NotInvokedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NotInvokedException(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * The function: returns the reported failed sequence numbers ({@code batchItemFailures}); throws on a function
     * error, or {@link NotInvokedException} when it could not be invoked.
     */
    @FunctionalInterface
    public interface Invoker<R> {
        List<String> invoke(List<R> batch) throws Exception;
    }

    /** What happened, for counters; every method has a no-op default. */
    public interface Listener<R> {
        default void invoked(List<R> batch) {
        }

        default void functionError(List<R> batch, Exception error) {
        }

        default void partialFailure(List<R> batch, int failedFrom) {
        }

        default void bisected(List<R> batch) {
        }

        default void redelivered(List<R> records) {
        }

        default void done(List<R> records) {
        }
    }

    /** Retry settings of the mapping ({@code MaximumRetryAttempts}, {@code BisectBatchOnFunctionError}). */
    public record Settings(int maxRetries, boolean bisectOnError) {
        /** Lambda's limit for a stream mapping's {@code MaximumRetryAttempts}. */
        public static final int MAX_RETRIES = 10_000;

        public Settings {
            if (maxRetries < 0 || maxRetries > MAX_RETRIES) {
                throw new IllegalArgumentException("maxRetries must be 0.." + MAX_RETRIES + ", was " + maxRetries);
            }
        }
    }

    private final Function<R, String> sequenceNumber;
    private final Settings settings;
    private final Invoker<R> function;
    private final Consumer<List<R>> onFailure;
    private final Listener<R> listener;

    public MappingSemantics(Function<R, String> sequenceNumber, Settings settings, Invoker<R> function,
                            Consumer<List<R>> onFailure, Listener<R> listener) {
        this.sequenceNumber = Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.function = Objects.requireNonNull(function, "function");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Delivers one batch until every record is done or sent to the on-failure destination. */
    public void deliver(List<R> batch) {
        deliver(batch, 0);
    }

    private void deliver(List<R> initial, int retriesSoFar) {
        List<R> batch = initial;
        int retries = retriesSoFar;
        while (!batch.isEmpty()) {
            listener.invoked(batch);
            List<String> failures;
            try {
                failures = function.invoke(batch);
            } catch (NotInvokedException e) {
                throw e;
            } catch (Exception e) {
                listener.functionError(batch, e);
                if (retries >= settings.maxRetries()) {
                    toOnFailure(batch);
                    return;
                }
                retries++;
                listener.redelivered(batch);
                if (settings.bisectOnError() && batch.size() > 1) {
                    listener.bisected(batch);
                    int half = batch.size() / 2;
                    deliver(new ArrayList<>(batch.subList(0, half)), retries);
                    deliver(new ArrayList<>(batch.subList(half, batch.size())), retries);
                    return;
                }
                continue;
            }
            if (failures.isEmpty()) {
                listener.done(batch);
                return;
            }
            int from = indexOf(batch, failures);
            listener.partialFailure(batch, from);
            listener.done(batch.subList(0, from));
            List<R> rest = new ArrayList<>(batch.subList(from, batch.size()));
            if (retries >= settings.maxRetries()) {
                toOnFailure(rest);
                return;
            }
            retries++;
            listener.redelivered(rest);
            batch = rest;
        }
    }

    /** Lambda checkpoints at the lowest reported sequence number; an unknown identifier fails the whole batch. */
    private int indexOf(List<R> batch, List<String> failures) {
        int lowest = Integer.MAX_VALUE;
        for (String seq : failures) {
            for (int i = 0; i < batch.size(); i++) {
                if (sequenceNumber.apply(batch.get(i)).equals(seq)) {
                    lowest = Math.min(lowest, i);
                }
            }
        }
        return lowest == Integer.MAX_VALUE ? 0 : lowest;
    }

    private void toOnFailure(List<R> records) {
        onFailure.accept(records);
        listener.done(records);
    }
}

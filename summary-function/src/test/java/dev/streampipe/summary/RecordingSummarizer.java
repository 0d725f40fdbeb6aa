package dev.streampipe.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Wraps a real summarizer, records every prompt it is given, and can hold callers at a barrier so that
 * concurrent invocations are inside the model call at the same time. Thread-safe.
 */
final class RecordingSummarizer implements Summarizer {

    private final Summarizer delegate;
    private final CyclicBarrier barrier;
    private final List<SummaryPrompt> prompts = new ArrayList<>();

    RecordingSummarizer(Summarizer delegate) {
        this(delegate, null);
    }

    private RecordingSummarizer(Summarizer delegate, CyclicBarrier barrier) {
        this.delegate = delegate;
        this.barrier = barrier;
    }

    /** Every call waits until {@code parties} calls are in flight (up to 10 s), then proceeds. */
    static RecordingSummarizer meetingAt(int parties, Summarizer delegate) {
        return new RecordingSummarizer(delegate, new CyclicBarrier(parties));
    }

    @Override
    public String summarize(SummaryPrompt prompt) {
        synchronized (prompts) {
            prompts.add(prompt);
        }
        if (barrier != null) {
            try {
                barrier.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at the summarizer barrier", e);
            } catch (BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("concurrent callers never met at the summarizer barrier", e);
            }
        }
        return delegate.summarize(prompt);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    List<SummaryPrompt> prompts() {
        synchronized (prompts) {
            return List.copyOf(prompts);
        }
    }
}

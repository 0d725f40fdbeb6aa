package dev.streampipe.core.batch;

import java.util.List;

/**
 * Where poison records go. {@link #deadLetter} must store every letter or throw {@link RetryableSinkException};
 * a letter it cannot store makes its record a retryable failure (it is never dropped).
 */
public interface DeadLetterSink {
    String name();

    void deadLetter(List<DeadLetter> letters, Deadline deadline);
}

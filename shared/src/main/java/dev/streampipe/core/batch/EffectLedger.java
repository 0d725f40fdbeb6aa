package dev.streampipe.core.batch;

import java.util.Collection;
import java.util.Set;

/**
 * Remembers which effects ({@link EffectKey}, stored as {@code <eventID>#<route>}) are done, so a redelivered record
 * does not repeat them. Entries must outlive the stream's retention (24 h). Implementations batch their reads and
 * writes.
 */
public interface EffectLedger {
    /** The subset of {@code effectKeys} already done. Throws {@link RetryableSinkException} if it cannot tell. */
    Set<EffectKey> completed(Collection<EffectKey> effectKeys);

    /** Records {@code effectKeys} as done. Throws {@link RetryableSinkException} if it cannot. */
    void markCompleted(Collection<EffectKey> effectKeys);
}

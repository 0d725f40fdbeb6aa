package dev.streampipe.core.batch.internal;

import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.Message;
import java.util.List;

/**
 * One stage of a sink's delivery chain ({@link DeliveryChains}): it delivers the messages, usually by handing some
 * of them to the next stage, and says what came of them. Thread-safe: one chain serves concurrent batches.
 */
interface DeliveryStage {
    Delivery deliver(List<Message> messages, Deadline deadline, StageListener stages);
}

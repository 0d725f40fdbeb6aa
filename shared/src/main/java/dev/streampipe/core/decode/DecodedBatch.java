package dev.streampipe.core.decode;

import dev.streampipe.core.record.ChangeRecord;
import java.util.List;

/** Every record of one event, in delivery order, each decoded or malformed. */
public record DecodedBatch(List<DecodeOutcome> outcomes) {
    public DecodedBatch {
        outcomes = List.copyOf(outcomes);
    }

    public int size() {
        return outcomes.size();
    }

    public List<ChangeRecord> records() {
        return outcomes.stream()
                .filter(DecodeOutcome.Decoded.class::isInstance)
                .map(o -> ((DecodeOutcome.Decoded) o).record())
                .toList();
    }

    public List<DecodeOutcome.Malformed> malformed() {
        return outcomes.stream()
                .filter(DecodeOutcome.Malformed.class::isInstance)
                .map(DecodeOutcome.Malformed.class::cast)
                .toList();
    }
}

package dev.streampipe.testing.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One API call the loopback endpoint received, with the decoded entries and what it answered.
 *
 * @param service      service name, e.g. {@code Firehose}
 * @param operation    operation name, e.g. {@code PutRecordBatch}
 * @param entries      decoded entries in request order (one for single-item operations)
 * @param callError    the whole-call error answered, or {@code null} when the call succeeded
 * @param entryErrors  per-entry errors by entry index (empty when all entries were accepted or the call failed)
 * @param <E>          entry type
 */
public record RecordedCall<E>(String service, String operation, List<E> entries, InjectedError callError,
                              Map<Integer, InjectedError> entryErrors) {

    public RecordedCall {
        entries = List.copyOf(entries);
        entryErrors = Map.copyOf(entryErrors);
    }

    /** The whole-call error, if the call was answered with one. */
    public Optional<InjectedError> failure() {
        return Optional.ofNullable(callError);
    }

    /** Entries the endpoint answered as accepted (none when the call failed). */
    public List<E> accepted() {
        List<E> accepted = new ArrayList<>();
        if (callError == null) {
            for (int i = 0; i < entries.size(); i++) {
                if (!entryErrors.containsKey(i)) {
                    accepted.add(entries.get(i));
                }
            }
        }
        return accepted;
    }

    /** Entries answered with a per-entry error, in request order. */
    public List<E> rejected() {
        List<E> rejected = new ArrayList<>();
        new TreeMap<>(entryErrors).keySet().forEach(i -> rejected.add(entries.get(i)));
        return rejected;
    }
}

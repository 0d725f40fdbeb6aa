package dev.streampipe.items;

import dev.streampipe.core.decode.DecodedBatch;
import dev.streampipe.core.decode.StreamEventDecoder;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.testing.StreamEvent;
import java.nio.charset.StandardCharsets;

/** Change records for the tests, decoded by the core's decoder from events built with {@link StreamEvent}. */
final class Changes {
    private Changes() {
    }

    static StreamEvent.Record insert() {
        return StreamEvent.insert("sku", "SKU-1", "warehouse", "W1");
    }

    static StreamEvent.Record modify() {
        return StreamEvent.modify("sku", "SKU-1", "warehouse", "W1");
    }

    static StreamEvent.Record remove() {
        return StreamEvent.remove("sku", "SKU-1", "warehouse", "W1");
    }

    /** The one record of an event of {@code record}. */
    static ChangeRecord decode(StreamEvent.Record record) {
        return decodeEvent(StreamEvent.of(record));
    }

    /** The one record of {@code eventJson}. */
    static ChangeRecord decodeEvent(String eventJson) {
        DecodedBatch batch = new StreamEventDecoder().decode(eventJson.getBytes(StandardCharsets.UTF_8));
        if (batch.records().size() != 1) {
            throw new IllegalStateException("expected one decoded record, got " + batch.outcomes());
        }
        return batch.records().get(0);
    }
}

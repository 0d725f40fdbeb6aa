package dev.streampipe.testing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Amazon EventBridge {@code PutEvents} over AWS JSON 1.1 ({@code X-Amz-Target: AWSEvents.PutEvents}).
 * Entries are {@link EventBridgeEntry}s. The answer carries {@code FailedEntryCount} and one {@code Entries}
 * element per entry: an {@code EventId}, or {@code ErrorCode}/{@code ErrorMessage} for an injected failure
 * (EventBridge uses e.g. {@code InternalFailure} and {@code ThrottlingException}). {@link #throttle(int)}
 * answers the whole call with {@code ThrottlingException} and HTTP 400.
 */
public final class EventBridgeStub extends ServiceStub<EventBridgeEntry, EventBridgeStub> {

    /** Service name for {@link LoopbackAws#calls(String, String)}. */
    public static final String SERVICE = "EventBridge";
    private static final String TARGET_PREFIX = "AWSEvents";

    private final JsonProtocol protocol = JsonProtocol.awsJson11();

    EventBridgeStub() {
        super(SERVICE);
    }

    @Override
    boolean accepts(LoopbackRequest request) {
        return JsonProtocol.targetOperation(request, TARGET_PREFIX) != null;
    }

    @Override
    Operation<EventBridgeEntry> decode(LoopbackRequest request) {
        String operation = JsonProtocol.targetOperation(request, TARGET_PREFIX);
        if (!operation.equals("PutEvents")) {
            throw new UnsupportedRequestException("EventBridge operation not served: " + operation);
        }
        List<EventBridgeEntry> entries = new ArrayList<>();
        JsonProtocol.read(request.body()).path("Entries").forEach(e -> entries.add(entry(e)));
        return new Operation<>(operation, entries, true);
    }

    private static EventBridgeEntry entry(JsonNode entry) {
        JsonNode time = entry.get("Time");
        return new EventBridgeEntry(JsonProtocol.text(entry, "Source"), JsonProtocol.text(entry, "DetailType"),
                JsonProtocol.text(entry, "Detail"), JsonProtocol.text(entry, "EventBusName"),
                JsonProtocol.strings(entry, "Resources"),
                time == null ? null : Instant.ofEpochMilli(Math.round(time.asDouble() * 1000)));
    }

    @Override
    InjectedError throttlingError() {
        return new InjectedError("ThrottlingException", "Rate exceeded", 400);
    }

    @Override
    LoopbackResponse success(RecordedCall<EventBridgeEntry> call) {
        ObjectNode body = JsonProtocol.object();
        body.put("FailedEntryCount", call.entryErrors().size());
        ArrayNode results = body.putArray("Entries");
        for (int i = 0; i < call.entries().size(); i++) {
            InjectedError error = call.entryErrors().get(i);
            ObjectNode result = results.addObject();
            if (error == null) {
                result.put("EventId", Ids.next());
            } else {
                result.put("ErrorCode", error.code()).put("ErrorMessage", error.message());
            }
        }
        return protocol.ok(200, body);
    }

    @Override
    LoopbackResponse failure(InjectedError error) {
        return protocol.error(error);
    }
}

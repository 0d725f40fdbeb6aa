package dev.streampipe.aws;

import dev.streampipe.aws.internal.AwsErrors;
import dev.streampipe.aws.internal.BatchLimits;
import dev.streampipe.aws.internal.ChunkedSender;
import dev.streampipe.aws.internal.SenderFactory;
import dev.streampipe.aws.internal.Utf8;
import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.Failure;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.Sink;
import dev.streampipe.core.batch.SinkResult;
import dev.streampipe.core.topology.EventBridgeOptions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * EventBridge PutEvents: the message body is the event's {@code Detail}; its
 * {@link dev.streampipe.core.topology.EventBridgeOptions} give the {@code DetailType} (required) and, when set, the
 * {@code Source} instead of this sink's; at most 10 entries and 256 KiB (EventBridge's entry-size rules) per call; only entries with an
 * {@code ErrorCode} are resent, and a malformed entry is permanent. Events of one order key go out in order: a later
 * one is held back while an earlier one failed ({@link ChunkedSender#ordered}).
 */
public final class EventBridgeSink implements Sink {
    private final String name;
    private final EventBridgeClient client;
    private final String busName;
    private final String source;
    private final ChunkedSender<Message> sender;

    public EventBridgeSink(String name, EventBridgeClient client, String busName, String source, SenderFactory senders) {
        this.name = Objects.requireNonNull(name, "name");
        this.client = Objects.requireNonNull(client, "client");
        this.busName = Objects.requireNonNull(busName, "busName");
        this.source = EventBridgeOptions.requireSource(source);
        this.sender = senders.<Message>create("EventBridge.PutEvents", BatchLimits.EVENTBRIDGE,
                m -> Utf8.length(source(m)) + Utf8.length(options(m).detailType()) + Utf8.length(m.body()))
                .ordered(Message::orderKey);
    }

    private static EventBridgeOptions options(Message m) {
        return m.eventBridge().orElseThrow(() -> new IllegalArgumentException("message of route '" + m.route()
                + "' to EventBridge sink has no EventBridgeOptions (detail type): map it with "
                + "Payload.with(EventBridgeOptions.detailType(...))"));
    }

    private String source(Message m) {
        String own = options(m).sourceOrNull();
        return own == null ? source : own;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SinkResult deliver(List<Message> messages, Deadline deadline) {
        return SinkResult.of(sender.send(messages, this::put, deadline));
    }

    private Map<Message, Failure> put(List<Message> chunk) {
        List<PutEventsRequestEntry> entries = chunk.stream().map(m -> PutEventsRequestEntry.builder()
                .eventBusName(busName).source(source(m)).detailType(options(m).detailType()).detail(m.body()).build())
                .toList();
        PutEventsResponse response;
        try {
            response = client.putEvents(PutEventsRequest.builder().entries(entries).build());
        } catch (SdkException e) {
            throw AwsErrors.wholeCall("EventBridge.PutEvents", e);
        }
        if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
            return Map.of();
        }
        return AwsErrors.byPosition(chunk, response.entries(), PutEventsResultEntry::errorCode,
                PutEventsResultEntry::errorMessage, true);
    }
}

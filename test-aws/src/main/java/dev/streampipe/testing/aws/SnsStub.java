package dev.streampipe.testing.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Amazon SNS {@code Publish} and {@code PublishBatch} over the query protocol, which SDK 2.41.24 still uses
 * for SNS (form-encoded {@code Action=PublishBatch&PublishBatchRequestEntries.member.N.*}, XML answers).
 * Entries are {@link SnsEntry}s. {@code PublishBatch} answers {@code Successful} members ({@code Id},
 * {@code MessageId}) and {@code Failed} members ({@code Id}, {@code Code}, {@code Message},
 * {@code SenderFault}) for injected entry failures. {@link #throttle(int)} answers the XML error
 * {@code Throttling} with HTTP 400, which the SDK reports as a throttling {@code SnsException}.
 */
public final class SnsStub extends ServiceStub<SnsEntry, SnsStub> {

    /** Service name for {@link LoopbackAws#calls(String, String)}. */
    public static final String SERVICE = "SNS";
    private static final String BATCH_LIST = "PublishBatchRequestEntries";

    private final QueryProtocol protocol = new QueryProtocol("http://sns.amazonaws.com/doc/2010-03-31/");

    SnsStub() {
        super(SERVICE);
    }

    @Override
    boolean accepts(LoopbackRequest request) {
        return request.pathSegments().isEmpty() && QueryProtocol.isForm(request);
    }

    @Override
    Operation<SnsEntry> decode(LoopbackRequest request) {
        Map<String, String> params = QueryProtocol.parseForm(request.body());
        String action = params.get("Action");
        if (!"2010-03-31".equals(params.get("Version"))) {
            throw new UnsupportedRequestException("query request is not SNS 2010-03-31: " + params.get("Version"));
        }
        List<SnsEntry> entries = new ArrayList<>();
        if ("PublishBatch".equals(action)) {
            String topicArn = params.get("TopicArn");
            QueryProtocol.members(params, BATCH_LIST).forEach(m -> entries.add(entry(topicArn, m.get("Id"), m)));
        } else if ("Publish".equals(action)) {
            String topicArn = params.getOrDefault("TopicArn", params.get("TargetArn"));
            entries.add(entry(topicArn, null, params));
        } else {
            throw new UnsupportedRequestException("SNS action not served: " + action);
        }
        return new Operation<>(action, entries, action.equals("PublishBatch"));
    }

    private static SnsEntry entry(String topicArn, String id, Map<String, String> fields) {
        return new SnsEntry(topicArn, id, fields.get("Message"), fields.get("Subject"), fields.get("MessageGroupId"),
                fields.get("MessageDeduplicationId"), QueryProtocol.messageAttributes(fields));
    }

    @Override
    InjectedError throttlingError() {
        return new InjectedError("Throttling", "Rate exceeded", 400);
    }

    @Override
    LoopbackResponse success(RecordedCall<SnsEntry> call) {
        QueryProtocol.Xml result = new QueryProtocol.Xml();
        if (call.operation().equals("Publish")) {
            return protocol.ok("Publish", result.element("MessageId", Ids.next()));
        }
        result.open("Successful", null);
        for (int i = 0; i < call.entries().size(); i++) {
            if (!call.entryErrors().containsKey(i)) {
                result.open("member", null).element("Id", call.entries().get(i).id())
                        .element("MessageId", Ids.next()).close("member");
            }
        }
        result.close("Successful").open("Failed", null);
        new TreeMap<>(call.entryErrors()).forEach((i, error) -> result.open("member", null)
                .element("Id", call.entries().get(i).id()).element("Code", error.code())
                .element("Message", error.message())
                .element("SenderFault", Boolean.toString(!error.serverFault())).close("member"));
        result.close("Failed");
        return protocol.ok("PublishBatch", result);
    }

    @Override
    LoopbackResponse failure(InjectedError error) {
        return protocol.error(error);
    }
}

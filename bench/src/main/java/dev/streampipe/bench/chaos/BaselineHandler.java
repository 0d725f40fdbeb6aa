package dev.streampipe.bench.chaos;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.testing.aws.LoopbackAws;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;

/**
 * The baseline: a handler that behaves as the Powertools batch utility documents for DynamoDB Streams — every
 * record is processed even after another failed, and <b>every</b> failed record is reported in
 * {@code batchItemFailures} (Lambda then checkpoints at the lowest) — with no effect ledger and no dead-letter
 * route: a record its handler cannot process (a poison turn or handoff) simply fails. Same routes as the router
 * (analytics, audit, summary trigger, status event, handoff page), same loopback sinks. For speed its calls are
 * batched per sink (one Powertools record handler would call once per record); a failed entry or call fails the
 * records it carried. No retry inside the invocation (the SDK's are off, as in the router's clients).
 */
final class BaselineHandler implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FirehoseClient firehose;
    private final SnsClient sns;
    private final EventBridgeClient eventBridge;
    private final LambdaClient lambda;
    private final Consumer<String> log;

    BaselineHandler(LoopbackAws aws, Consumer<String> log) {
        this.firehose = aws.client(FirehoseClient.builder());
        this.sns = aws.client(SnsClient.builder());
        this.eventBridge = aws.client(EventBridgeClient.builder());
        this.lambda = aws.client(LambdaClient.builder());
        this.log = log;
    }

    private record Effect(String sequenceNumber, String body) {
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Set<String> failed = new LinkedHashSet<>();
        List<Effect> analytics = new ArrayList<>();
        List<Effect> pages = new ArrayList<>();
        List<Effect> statuses = new ArrayList<>();
        List<Effect> triggers = new ArrayList<>();
        for (JsonNode r : JSON.readTree(input).path("Records")) {
            String id = r.path("eventID").asText();
            JsonNode ddb = r.path("dynamodb");
            String seq = ddb.path("SequenceNumber").asText();
            String sk = ddb.path("Keys").path("SK").path("S").asText();
            String body = "{\"event_id\":\"" + id + "\",\"eventId\":\"" + id + "\",\"sequence_number\":\"" + seq + "\"}";
            analytics.add(new Effect(seq, body));
            log.accept("{\"kind\":\"change\",\"event_id\":\"" + id + "\"}");
            JsonNode image = ddb.path("NewImage");
            if (sk.startsWith("TURN#")) {
                JsonNode n = image.path("turn_number").path("N");
                if (n.isMissingNode()) {
                    failed.add(seq); // the record handler throws: turn_number is not a number
                } else if (Long.parseLong(n.asText()) % RouterFactory.SUMMARY_INTERVAL == 0) {
                    triggers.add(new Effect(seq, body));
                }
            } else if (sk.startsWith("HANDOFF#")) {
                if (image.path("agent_id").path("S").isMissingNode()) {
                    failed.add(seq);
                } else {
                    pages.add(new Effect(seq, body));
                }
            } else if (sk.equals("META") && r.path("eventName").asText().equals("MODIFY")) {
                statuses.add(new Effect(seq, body));
            }
        }
        sendAnalytics(analytics, failed);
        sendPages(pages, failed);
        sendStatuses(statuses, failed);
        sendTriggers(triggers, failed);
        StringBuilder response = new StringBuilder("{\"batchItemFailures\":[");
        String sep = "";
        for (String seq : failed) {
            response.append(sep).append("{\"itemIdentifier\":\"").append(seq).append("\"}");
            sep = ",";
        }
        output.write(response.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }

    private void sendAnalytics(List<Effect> effects, Set<String> failed) {
        for (List<Effect> chunk : chunks(effects, 500)) {
            try {
                PutRecordBatchResponse response = firehose.putRecordBatch(b -> b.deliveryStreamName("analytics")
                        .records(chunk.stream().map(e -> software.amazon.awssdk.services.firehose.model.Record.builder()
                                .data(SdkBytes.fromUtf8String(e.body())).build()).toList()));
                for (int i = 0; i < chunk.size(); i++) {
                    if (response.requestResponses().get(i).errorCode() != null) {
                        failed.add(chunk.get(i).sequenceNumber());
                    }
                }
            } catch (SdkException e) {
                chunk.forEach(x -> failed.add(x.sequenceNumber()));
            }
        }
    }

    private void sendPages(List<Effect> effects, Set<String> failed) {
        for (List<Effect> chunk : chunks(effects, 10)) {
            List<PublishBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(PublishBatchRequestEntry.builder().id("m" + i).message(chunk.get(i).body()).build());
            }
            try {
                PublishBatchResponse response = sns.publishBatch(b -> b.topicArn("arn:aws:sns:us-east-1:1:h")
                        .publishBatchRequestEntries(entries));
                response.failed().forEach(f -> failed.add(chunk.get(Integer.parseInt(f.id().substring(1)))
                        .sequenceNumber()));
            } catch (SdkException e) {
                chunk.forEach(x -> failed.add(x.sequenceNumber()));
            }
        }
    }

    private void sendStatuses(List<Effect> effects, Set<String> failed) {
        for (List<Effect> chunk : chunks(effects, 10)) {
            try {
                PutEventsResponse response = eventBridge.putEvents(b -> b.entries(chunk.stream()
                        .map(e -> PutEventsRequestEntry.builder().source("baseline").detailType("SessionStatusChanged")
                                .detail(e.body()).build()).toList()));
                for (int i = 0; i < chunk.size(); i++) {
                    if (response.entries().get(i).errorCode() != null) {
                        failed.add(chunk.get(i).sequenceNumber());
                    }
                }
            } catch (SdkException e) {
                chunk.forEach(x -> failed.add(x.sequenceNumber()));
            }
        }
    }

    private void sendTriggers(List<Effect> effects, Set<String> failed) {
        if (effects.isEmpty()) {
            return;
        }
        String payload = "[" + String.join(",", effects.stream().map(Effect::body).toList()) + "]";
        try {
            lambda.invoke(b -> b.functionName("summary").invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String(payload)));
        } catch (SdkException e) {
            effects.forEach(x -> failed.add(x.sequenceNumber()));
        }
    }

    private static <T> List<List<T>> chunks(List<T> list, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < list.size(); i += size) {
            chunks.add(list.subList(i, Math.min(list.size(), i + size)));
        }
        return chunks;
    }
}

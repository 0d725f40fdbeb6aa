package dev.streampipe.testing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Amazon Data Firehose {@code PutRecordBatch} (and single {@code PutRecord}) over AWS JSON 1.1
 * ({@code X-Amz-Target: Firehose_20150804.PutRecordBatch}). Entries are {@link FirehoseRecord}s. The answer carries
 * {@code FailedPutCount} and one {@code RequestResponses} element per record: a {@code RecordId}, or
 * {@code ErrorCode}/{@code ErrorMessage} for an injected entry failure (usually
 * {@code ServiceUnavailableException} or {@code InternalFailure}). {@link #throttle(int)} answers the whole
 * call with {@code ServiceUnavailableException} and HTTP 500, as Firehose does when a stream's limits are hit.
 */
public final class FirehoseStub extends ServiceStub<FirehoseRecord, FirehoseStub> {

    /** Service name for {@link LoopbackAws#calls(String, String)}. */
    public static final String SERVICE = "Firehose";
    private static final String TARGET_PREFIX = "Firehose_20150804";

    private final JsonProtocol protocol = JsonProtocol.awsJson11();

    FirehoseStub() {
        super(SERVICE);
    }

    /** The NDJSON lines of every record received, in arrival order ({@link FirehoseRecord#lines()}). */
    public List<String> receivedLines() {
        return received().stream().flatMap(r -> r.lines().stream()).toList();
    }

    /** The NDJSON lines of every record accepted, in arrival order. */
    public List<String> acceptedLines() {
        return accepted().stream().flatMap(r -> r.lines().stream()).toList();
    }

    @Override
    boolean accepts(LoopbackRequest request) {
        return JsonProtocol.targetOperation(request, TARGET_PREFIX) != null;
    }

    @Override
    Operation<FirehoseRecord> decode(LoopbackRequest request) {
        String operation = JsonProtocol.targetOperation(request, TARGET_PREFIX);
        JsonNode body = JsonProtocol.read(request.body());
        String stream = JsonProtocol.text(body, "DeliveryStreamName");
        List<FirehoseRecord> records = new ArrayList<>();
        switch (operation) {
            case "PutRecordBatch" -> body.path("Records").forEach(r -> records.add(record(stream, r)));
            case "PutRecord" -> records.add(record(stream, body.path("Record")));
            default -> throw new UnsupportedRequestException("Firehose operation not served: " + operation);
        }
        return new Operation<>(operation, records, operation.equals("PutRecordBatch"));
    }

    private static FirehoseRecord record(String stream, JsonNode record) {
        return new FirehoseRecord(stream, Base64.getDecoder().decode(record.path("Data").asText()));
    }

    @Override
    InjectedError throttlingError() {
        return new InjectedError("ServiceUnavailableException", "Slow down.", 500);
    }

    @Override
    LoopbackResponse success(RecordedCall<FirehoseRecord> call) {
        ObjectNode body = JsonProtocol.object();
        body.put("Encrypted", false);
        if (call.operation().equals("PutRecord")) {
            return protocol.ok(200, body.put("RecordId", Ids.next()));
        }
        body.put("FailedPutCount", call.entryErrors().size());
        ArrayNode responses = body.putArray("RequestResponses");
        for (int i = 0; i < call.entries().size(); i++) {
            InjectedError error = call.entryErrors().get(i);
            ObjectNode response = responses.addObject();
            if (error == null) {
                response.put("RecordId", Ids.next());
            } else {
                response.put("ErrorCode", error.code()).put("ErrorMessage", error.message());
            }
        }
        return protocol.ok(200, body);
    }

    @Override
    LoopbackResponse failure(InjectedError error) {
        return protocol.error(error);
    }
}

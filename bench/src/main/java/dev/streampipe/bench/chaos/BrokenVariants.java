package dev.streampipe.bench.chaos;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * Deliberately broken routers, made by wrapping the real one at the Lambda contract, so each of the chaos run's
 * verifications is shown able to fail. (The fourth, a router that skips the ledger, is the real router over an
 * amnesiac ledger table: {@link ChaosLedger#start(boolean)}; the router whose state adds on every apply
 * ({@link Variant#NO_GUARD}) is the real router over a {@link ChaosStateStore} that gives each apply a batch id of
 * its own, so a batch delivered again is counted again.)
 */
final class BrokenVariants {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BrokenVariants() {
    }

    /** Reports the batch's last sequence number instead of the earliest failed one: records in between are lost. */
    static RequestStreamHandler reportingLastSequence(RequestStreamHandler router) {
        return (input, output, context) -> {
            byte[] event = input.readAllBytes();
            JsonNode response = call(router, event, context);
            JsonNode records = JSON.readTree(event).path("Records");
            String last = records.get(records.size() - 1).path("dynamodb").path("SequenceNumber").asText();
            write(output, response.path("batchItemFailures").isEmpty() ? List.of() : List.of(last));
        };
    }

    /** Reports no failure at all (the reference design's flaw): everything that failed is lost. */
    static RequestStreamHandler reportingNothing(RequestStreamHandler router) {
        return (input, output, context) -> {
            call(router, input.readAllBytes(), context);
            write(output, List.of());
        };
    }

    /** Processes each batch's records in reverse order: a key's later changes reach the sinks first. */
    static RequestStreamHandler reversingBatches(RequestStreamHandler router) {
        return (input, output, context) -> {
            ObjectNode event = (ObjectNode) JSON.readTree(input);
            List<JsonNode> records = new ArrayList<>();
            event.path("Records").forEach(records::add);
            Collections.reverse(records);
            ArrayNode reversed = event.putArray("Records");
            records.forEach(reversed::add);
            router.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), output, context);
        };
    }

    /**
     * A Firehose client that sends each line of a record as a record of its own (as a router that does not pack a
     * key's lines would) and reports a record failed when any of its lines failed: PutRecordBatch then accepts a
     * key's later line while an earlier one failed, so first deliveries come out of order.
     */
    static FirehoseClient unpacking(FirehoseClient firehose) {
        return new FirehoseClient() {
            @Override
            public PutRecordBatchResponse putRecordBatch(PutRecordBatchRequest request) {
                List<Record> lines = new ArrayList<>();
                List<Integer> owner = new ArrayList<>();
                for (int i = 0; i < request.records().size(); i++) {
                    for (String line : request.records().get(i).data().asUtf8String().split("(?<=\n)")) {
                        lines.add(Record.builder().data(SdkBytes.fromUtf8String(line)).build());
                        owner.add(i);
                    }
                }
                PutRecordBatchResponse sent = firehose.putRecordBatch(request.toBuilder().records(lines).build());
                PutRecordBatchResponseEntry[] entries = new PutRecordBatchResponseEntry[request.records().size()];
                for (int j = 0; j < lines.size(); j++) {
                    PutRecordBatchResponseEntry e = sent.requestResponses().get(j);
                    int i = owner.get(j);
                    if (entries[i] == null || e.errorCode() != null) {
                        entries[i] = e;
                    }
                }
                int failed = (int) Arrays.stream(entries).filter(e -> e.errorCode() != null).count();
                return PutRecordBatchResponse.builder().failedPutCount(failed).requestResponses(entries).build();
            }

            @Override
            public String serviceName() {
                return firehose.serviceName();
            }

            @Override
            public void close() {
                firehose.close();
            }
        };
    }

    private static JsonNode call(RequestStreamHandler router, byte[] event, Context context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        router.handleRequest(new ByteArrayInputStream(event), out, context);
        return JSON.readTree(out.toByteArray());
    }

    private static void write(OutputStream output, List<String> failures) throws IOException {
        StringBuilder sb = new StringBuilder("{\"batchItemFailures\":[");
        for (int i = 0; i < failures.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("{\"itemIdentifier\":\"").append(failures.get(i)).append("\"}");
        }
        output.write(sb.append("]}").toString().getBytes(StandardCharsets.UTF_8));
    }
}

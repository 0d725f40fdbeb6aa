package dev.streampipe.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Reads back what the emulated services hold: S3 objects as NDJSON lines, SQS queues drained to their bodies. */
public final class ServiceContents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceContents() {
    }

    /** What a bucket holds under a prefix. */
    public record Objects(int count, List<JsonNode> lines) {
    }

    /** Every NDJSON line of every object under {@code prefix} (gzip objects are unpacked). */
    public static Objects ndjson(S3Client s3, String bucket, String prefix) {
        List<JsonNode> lines = new ArrayList<>();
        int count = 0;
        for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            count++;
            byte[] bytes = s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asByteArray();
            for (String line : text(bytes).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(parse(line, "s3://" + bucket + "/" + o.key()));
                }
            }
        }
        return new Objects(count, lines);
    }

    /**
     * Receives every message a queue holds (each once: a long visibility timeout keeps received ones hidden) and
     * returns their bodies parsed as JSON. Stops after two empty receives in a row.
     */
    public static List<JsonNode> drain(SqsClient sqs, String queueUrl) {
        List<JsonNode> bodies = new ArrayList<>();
        int empty = 0;
        while (empty < 2) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(900).waitTimeSeconds(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            if (batch.isEmpty()) {
                empty++;
                continue;
            }
            empty = 0;
            for (Message m : batch) {
                bodies.add(parse(m.body(), queueUrl));
            }
        }
        return bodies;
    }

    private static JsonNode parse(String text, String where) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON in " + where + ": " + text.substring(0, Math.min(120, text.length())), e);
        }
    }

    private static String text(byte[] bytes) {
        if (bytes.length > 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("corrupt gzip object", e);
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

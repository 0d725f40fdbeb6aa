package dev.streampipe.local;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Writes DynamoDB stream records (as GetRecords returns them) in the exact JSON Lambda's event source mapping
 * delivers: {@code {"Records":[{"eventID",...,"dynamodb":{...},"eventSourceARN"}]}}, with
 * {@code ApproximateCreationDateTime} in epoch seconds.
 */
final class LambdaEventJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private LambdaEventJson() {
    }

    static byte[] event(List<Record> records, String streamArn) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(records.size() * 1024);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("Records");
            for (Record r : records) {
                record(g, r, streamArn);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void record(JsonGenerator g, Record r, String streamArn) throws IOException {
        g.writeStartObject();
        g.writeStringField("eventID", r.eventID());
        g.writeStringField("eventName", r.eventNameAsString());
        g.writeStringField("eventVersion", r.eventVersion() == null ? "1.1" : r.eventVersion());
        g.writeStringField("eventSource", "aws:dynamodb");
        // Lambda takes the region from the stream ARN (arn:aws:dynamodb:<region>:...) when the record has none
        g.writeStringField("awsRegion", r.awsRegion() != null ? r.awsRegion() : streamArn.split(":")[3]);
        StreamRecord d = r.dynamodb();
        g.writeObjectFieldStart("dynamodb");
        if (d.approximateCreationDateTime() != null) {
            g.writeFieldName("ApproximateCreationDateTime");
            g.writeNumber(BigDecimal.valueOf(d.approximateCreationDateTime().toEpochMilli()).movePointLeft(3));
        }
        item(g, "Keys", d.keys());
        if (d.hasNewImage()) {
            item(g, "NewImage", d.newImage());
        }
        if (d.hasOldImage()) {
            item(g, "OldImage", d.oldImage());
        }
        g.writeStringField("SequenceNumber", d.sequenceNumber());
        g.writeNumberField("SizeBytes", d.sizeBytes() == null ? 0 : d.sizeBytes());
        g.writeStringField("StreamViewType", d.streamViewTypeAsString());
        g.writeEndObject();
        if (r.userIdentity() != null) {
            g.writeObjectFieldStart("userIdentity");
            g.writeStringField("type", r.userIdentity().type());
            g.writeStringField("principalId", r.userIdentity().principalId());
            g.writeEndObject();
        }
        g.writeStringField("eventSourceARN", streamArn);
        g.writeEndObject();
    }

    private static void item(JsonGenerator g, String field, Map<String, AttributeValue> item) throws IOException {
        g.writeObjectFieldStart(field);
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            g.writeFieldName(e.getKey());
            value(g, e.getValue());
        }
        g.writeEndObject();
    }

    private static void value(JsonGenerator g, AttributeValue v) throws IOException {
        g.writeStartObject();
        switch (v.type()) {
            case S -> g.writeStringField("S", v.s());
            case N -> g.writeStringField("N", v.n());
            case B -> g.writeStringField("B", base64(v.b()));
            case BOOL -> g.writeBooleanField("BOOL", v.bool());
            case NUL -> g.writeBooleanField("NULL", true);
            case SS -> strings(g, "SS", v.ss());
            case NS -> strings(g, "NS", v.ns());
            case BS -> {
                g.writeArrayFieldStart("BS");
                for (SdkBytes b : v.bs()) {
                    g.writeString(base64(b));
                }
                g.writeEndArray();
            }
            case L -> {
                g.writeArrayFieldStart("L");
                for (AttributeValue e : v.l()) {
                    value(g, e);
                }
                g.writeEndArray();
            }
            case M -> item(g, "M", v.m());
            default -> throw new IllegalArgumentException("unknown attribute type " + v.type());
        }
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String type, List<String> values) throws IOException {
        g.writeArrayFieldStart(type);
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    private static String base64(SdkBytes b) {
        return java.util.Base64.getEncoder().encodeToString(b.asByteArray());
    }
}

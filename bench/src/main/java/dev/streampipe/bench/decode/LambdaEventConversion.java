package dev.streampipe.bench.decode;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.streampipe.core.record.Bytes;
import dev.streampipe.core.record.ChangeRecord;
import dev.streampipe.core.record.EventName;
import dev.streampipe.core.record.Item;
import dev.streampipe.core.record.SequenceNumber;
import dev.streampipe.core.record.StreamViewType;
import dev.streampipe.core.record.UserIdentity;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The standard path's second half: converts the Lambda runtime's {@link DynamodbEvent} into our change records,
 * as a handler using the event classes would have to before routing.
 */
public final class LambdaEventConversion {
    private LambdaEventConversion() {
    }

    public static List<ChangeRecord> convert(DynamodbEvent event) {
        List<ChangeRecord> out = new ArrayList<>(event.getRecords().size());
        for (DynamodbEvent.DynamodbStreamRecord r : event.getRecords()) {
            StreamRecord d = r.getDynamodb();
            UserIdentity identity = r.getUserIdentity() == null ? null
                    : new UserIdentity(r.getUserIdentity().getType(), r.getUserIdentity().getPrincipalId());
            out.add(new ChangeRecord(r.getEventID(), EventName.valueOf(r.getEventName()),
                    new SequenceNumber(d.getSequenceNumber()), d.getApproximateCreationDateTime().toInstant(),
                    d.getSizeBytes(), item(d.getKeys()), Optional.ofNullable(d.getNewImage()).map(LambdaEventConversion::item),
                    Optional.ofNullable(d.getOldImage()).map(LambdaEventConversion::item),
                    StreamViewType.valueOf(d.getStreamViewType()), identity, r.getEventSourceARN(), r.getAwsRegion()));
        }
        return out;
    }

    static Item item(Map<String, AttributeValue> attributes) {
        Map<String, dev.streampipe.core.record.AttributeValue> out = new HashMap<>();
        attributes.forEach((k, v) -> out.put(k, value(v)));
        return Item.of(out);
    }

    static dev.streampipe.core.record.AttributeValue value(AttributeValue v) {
        if (v.getS() != null) {
            return new dev.streampipe.core.record.AttributeValue.S(v.getS());
        }
        if (v.getN() != null) {
            return new dev.streampipe.core.record.AttributeValue.N(v.getN());
        }
        if (v.getB() != null) {
            return new dev.streampipe.core.record.AttributeValue.B(bytes(v.getB()));
        }
        if (v.getBOOL() != null) {
            return new dev.streampipe.core.record.AttributeValue.Bool(v.getBOOL());
        }
        if (Boolean.TRUE.equals(v.getNULL())) {
            return dev.streampipe.core.record.AttributeValue.Null.INSTANCE;
        }
        if (v.getL() != null) {
            return new dev.streampipe.core.record.AttributeValue.L(v.getL().stream().map(LambdaEventConversion::value).toList());
        }
        if (v.getM() != null) {
            return new dev.streampipe.core.record.AttributeValue.M(item(v.getM()).attributes());
        }
        if (v.getSS() != null) {
            return new dev.streampipe.core.record.AttributeValue.SS(v.getSS());
        }
        if (v.getNS() != null) {
            return new dev.streampipe.core.record.AttributeValue.NS(v.getNS());
        }
        if (v.getBS() != null) {
            return new dev.streampipe.core.record.AttributeValue.BS(v.getBS().stream().map(LambdaEventConversion::bytes).toList());
        }
        throw new IllegalArgumentException("attribute value with no type: " + v);
    }

    private static Bytes bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] data = new byte[b.remaining()];
        b.get(data);
        return Bytes.copyOf(data);
    }
}

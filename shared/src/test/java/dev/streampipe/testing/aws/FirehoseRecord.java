package dev.streampipe.testing.aws;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record of a Firehose {@code PutRecordBatch} call, its {@code Data} decoded from base64.
 *
 * @param deliveryStreamName the {@code DeliveryStreamName} of the call
 * @param data               the record bytes as the producer sent them
 */
public record FirehoseRecord(String deliveryStreamName, byte[] data) {

    public FirehoseRecord {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The data read as UTF-8 text (e.g. one NDJSON line). */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FirehoseRecord that
                && Objects.equals(deliveryStreamName, that.deliveryStreamName)
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hashCode(deliveryStreamName) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FirehoseRecord[" + deliveryStreamName + ", " + data.length + " bytes]";
    }
}

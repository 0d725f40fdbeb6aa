package dev.streampipe.testing.aws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

    /**
     * The record's NDJSON lines, without their newlines: a producer may pack several lines into one record (the
     * streampipe runtime packs the lines of one partition key), and the S3 destination concatenates records.
     */
    public List<String> lines() {
        String text = text();
        List<String> lines = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int end = text.indexOf('\n', from);
            lines.add(text.substring(from, end < 0 ? text.length() : end));
            from = end < 0 ? text.length() : end + 1;
        }
        return lines;
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

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * Firehose PutRecordBatch: each message body becomes one NDJSON line (body + newline), and the lines of one order key
 * ({@link Message#orderKey()}) are packed, in order, into as few Firehose records as fit 1,000 KiB; at most 500
 * records and 4 MiB per call; only records reported failed ({@code FailedPutCount}) are resent.
 *
 * <p>Packing is what keeps a key's order: Firehose accepts or fails a record whole, so a later line of a key can
 * never land while an earlier one failed (with one record per line it could: PutRecordBatch fails single records and
 * accepts the rest). A key whose lines need several records sends them in order, one round each
 * ({@link ChunkedSender#ordered}). S3 receives the same bytes either way: the destination concatenates records. It
 * also bills less: Firehose rounds every record up to the next 5 KB. A line over 1,000 KiB is rejected
 * permanently, naming its size.
 */
public final class FirehoseSink implements Sink {
    private static final long MAX_RECORD_BYTES = BatchLimits.FIREHOSE.maxEntryBytes();

    /** One Firehose record: consecutive lines of one key. */
    private static final class Pack {
        private final String key;
        private final List<Message> messages = new ArrayList<>();
        private long bytes;

        Pack(String key) {
            this.key = key;
        }

        String key() {
            return key;
        }

        long bytes() {
            return bytes;
        }

        void add(Message m, long line) {
            messages.add(m);
            bytes += line;
        }
    }

    private final String name;
    private final FirehoseClient client;
    private final String deliveryStream;
    private final ChunkedSender<Pack> sender;

    public FirehoseSink(String name, FirehoseClient client, String deliveryStream, SenderFactory senders) {
        this.name = Objects.requireNonNull(name, "name");
        this.client = Objects.requireNonNull(client, "client");
        this.deliveryStream = Objects.requireNonNull(deliveryStream, "deliveryStream");
        this.sender = senders.<Pack>create("Firehose.PutRecordBatch", BatchLimits.FIREHOSE, Pack::bytes)
                .ordered(Pack::key);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SinkResult deliver(List<Message> messages, Deadline deadline) {
        Map<Message, Failure> failures = new LinkedHashMap<>();
        Map<String, List<Pack>> packs = new LinkedHashMap<>();
        for (Message m : messages) {
            long line = Utf8.length(m.body()) + 1;
            if (line > MAX_RECORD_BYTES) {
                failures.put(m, Failure.permanent("Firehose.PutRecordBatch record of " + line
                        + " bytes exceeds the limit of " + MAX_RECORD_BYTES + " bytes"));
                continue;
            }
            List<Pack> ofKey = packs.computeIfAbsent(m.orderKey(), k -> new ArrayList<>());
            if (ofKey.isEmpty() || ofKey.get(ofKey.size() - 1).bytes() + line > MAX_RECORD_BYTES) {
                ofKey.add(new Pack(m.orderKey()));
            }
            ofKey.get(ofKey.size() - 1).add(m, line);
        }
        List<Pack> all = new ArrayList<>();
        packs.values().forEach(all::addAll);
        sender.send(all, this::put, deadline).forEach((pack, failure) ->
                pack.messages.forEach(m -> failures.put(m, failure)));
        return SinkResult.of(failures);
    }

    private Map<Pack, Failure> put(List<Pack> chunk) {
        List<Record> records = new ArrayList<>(chunk.size());
        for (Pack p : chunk) {
            StringBuilder data = new StringBuilder((int) p.bytes());
            for (Message m : p.messages) {
                data.append(m.body()).append('\n');
            }
            records.add(Record.builder().data(SdkBytes.fromUtf8String(data.toString())).build());
        }
        PutRecordBatchResponse response;
        try {
            response = client.putRecordBatch(PutRecordBatchRequest.builder()
                    .deliveryStreamName(deliveryStream).records(records).build());
        } catch (SdkException e) {
            throw AwsErrors.wholeCall("Firehose.PutRecordBatch", e);
        }
        if (response.failedPutCount() == null || response.failedPutCount() == 0) {
            return Map.of();
        }
        return AwsErrors.byPosition(chunk, response.requestResponses(), PutRecordBatchResponseEntry::errorCode,
                PutRecordBatchResponseEntry::errorMessage, false);
    }
}

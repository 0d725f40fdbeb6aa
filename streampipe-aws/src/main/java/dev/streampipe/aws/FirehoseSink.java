package dev.streampipe.aws;

import dev.streampipe.core.batch.Deadline;
import dev.streampipe.core.batch.Failure;
import dev.streampipe.core.batch.Message;
import dev.streampipe.core.batch.Sink;
import dev.streampipe.core.batch.SinkResult;
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
 * Firehose PutRecordBatch: each message body becomes one NDJSON line (body + newline); at most 500 records and
 * 4 MiB per call, 1,000 KiB per record; only records reported failed ({@code FailedPutCount}) are resent.
 */
public final class FirehoseSink implements Sink {
    private final String name;
    private final FirehoseClient client;
    private final String deliveryStream;
    private final ChunkedSender<Message> sender;

    public FirehoseSink(String name, FirehoseClient client, String deliveryStream, SenderFactory senders) {
        this.name = Objects.requireNonNull(name, "name");
        this.client = Objects.requireNonNull(client, "client");
        this.deliveryStream = Objects.requireNonNull(deliveryStream, "deliveryStream");
        this.sender = senders.create("Firehose.PutRecordBatch", BatchLimits.FIREHOSE, m -> Utf8.length(m.body()) + 1);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SinkResult deliver(List<Message> messages, Deadline deadline) {
        return SinkResult.of(sender.send(messages, this::put, deadline));
    }

    private Map<Message, Failure> put(List<Message> chunk) {
        List<Record> records = chunk.stream()
                .map(m -> Record.builder().data(SdkBytes.fromUtf8String(m.body() + "\n")).build())
                .toList();
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

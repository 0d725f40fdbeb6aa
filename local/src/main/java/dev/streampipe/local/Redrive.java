package dev.streampipe.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streampipe.core.record.SequenceNumber;
import dev.streampipe.core.record.Texts;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code redrive}: gives the records a stream mapping skipped a second chance. It reads the on-failure queue's
 * messages (Lambda's stream on-failure record: {@code DDBStreamBatchInfo} with the stream ARN, optional shard id, and
 * the first and last sequence numbers), fetches exactly that range from the stream while it is retained, runs it
 * through the function with the mapping's rules ({@link MappingSemantics}: retry from the reported sequence number,
 * bisect, max retries), and deletes a message only after its whole range succeeded. A range that fails again, or
 * that the stream no longer holds (24 h retention), keeps its message and is named in the result.
 */
final class Redrive {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALIDATION = "ValidationException";

    /** One range that was not redriven, and why. */
    record Kept(String streamArn, String range, String reason) {
    }

    /** What a redrive did. */
    record Result(int messages, int redriven, long records, List<Kept> kept) {
        String summary() {
            StringBuilder sb = new StringBuilder(String.format("redrive: %d on-failure message(s), %d redriven (%d "
                    + "record(s)), %d kept", messages, redriven, records, kept.size()));
            // The ARN and range come from the queue's messages: shown, not trusted.
            kept.forEach(k -> sb.append(String.format("%n  kept %s %s: %s", Texts.shown(k.streamArn()),
                    Texts.shown(k.range()), Texts.oneLine(Texts.abbreviate(k.reason(), 500)))));
            return sb.toString();
        }
    }

    private final SqsClient sqs;
    private final DynamoDbStreamsClient streams;
    private final MappingSemantics.Settings settings;

    Redrive(SqsClient sqs, DynamoDbStreamsClient streams, MappingSemantics.Settings settings) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.streams = Objects.requireNonNull(streams, "streams");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Redrives every message of {@code queueUrl} through {@code function} (given the records of one batch and the
     * stream ARN, it returns the reported failed sequence numbers, or throws on a function error).
     */
    Result run(String queueUrl, Function function) {
        int messages = 0;
        int redriven = 0;
        long records = 0;
        List<Kept> kept = new ArrayList<>();
        for (List<Message> batch = receive(queueUrl); !batch.isEmpty(); batch = receive(queueUrl)) {
            for (Message m : batch) {
                messages++;
                Range range;
                try {
                    range = Range.parse(m.body());
                } catch (IllegalArgumentException e) {
                    kept.add(new Kept("?", "?", e.getMessage()));
                    continue;
                }
                List<Record> slice;
                try {
                    slice = fetch(range);
                } catch (TrimmedDataAccessException e) {
                    kept.add(new Kept(range.streamArn(), range.label(), "no longer in the stream (retention ended)"));
                    continue;
                } catch (ResourceNotFoundException e) {
                    kept.add(new Kept(range.streamArn(), range.label(), "the stream or shard does not exist"));
                    continue;
                } catch (DynamoDbException e) {
                    if (!VALIDATION.equals(e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode())) {
                        throw e;
                    }
                    // the message's stream ARN, shard id or sequence numbers are not ones the stream takes
                    kept.add(new Kept(range.streamArn(), range.label(), "the stream refused the range: "
                            + e.awsErrorDetails().errorMessage()));
                    continue;
                }
                if (slice.isEmpty()) {
                    kept.add(new Kept(range.streamArn(), range.label(), "no record of the range is in the stream"));
                    continue;
                }
                List<Record> givenUp = new ArrayList<>();
                new MappingSemantics<Record>(r -> r.dynamodb().sequenceNumber(), settings,
                        b -> function.invoke(b, range.streamArn()), givenUp::addAll,
                        new MappingSemantics.Listener<>() { }).deliver(slice);
                if (givenUp.isEmpty()) {
                    sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
                    redriven++;
                    records += slice.size();
                } else {
                    kept.add(new Kept(range.streamArn(), range.label(), givenUp.size()
                            + " record(s) failed again past the retry limit, first "
                            + givenUp.get(0).dynamodb().sequenceNumber()));
                }
            }
        }
        return new Result(messages, redriven, records, kept);
    }

    /** The function a range is redriven through. */
    @FunctionalInterface
    interface Function {
        List<String> invoke(List<Record> batch, String streamArn) throws Exception;
    }

    private List<Message> receive(String queueUrl) {
        // kept messages stay invisible for the rest of the run, so one run sees each message once
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).visibilityTimeout(300)
                .waitTimeSeconds(0)).messages();
    }

    /** The records of the range, in order, from the shard that holds it. */
    private List<Record> fetch(Range range) {
        String shardId = range.shardId() != null ? range.shardId() : shardOf(range);
        if (shardId == null) {
            return List.of();
        }
        String iterator = streams.getShardIterator(b -> b.streamArn(range.streamArn()).shardId(shardId)
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).sequenceNumber(range.start().toString()))
                .shardIterator();
        List<Record> out = new ArrayList<>();
        int emptyReads = 0;
        while (iterator != null && emptyReads < 3) {
            String current = iterator;
            GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(current).limit(1000));
            emptyReads = page.records().isEmpty() ? emptyReads + 1 : 0;
            for (Record r : page.records()) {
                BigInteger seq = new BigInteger(r.dynamodb().sequenceNumber());
                if (seq.compareTo(range.end()) > 0) {
                    return out;
                }
                if (seq.compareTo(range.start()) >= 0) {
                    out.add(r);
                }
            }
            iterator = page.nextShardIterator();
        }
        return out;
    }

    private String shardOf(Range range) {
        String next = null;
        do {
            String from = next;
            var description = streams.describeStream(b -> b.streamArn(range.streamArn()).exclusiveStartShardId(from))
                    .streamDescription();
            for (Shard shard : description.shards()) {
                BigInteger first = new BigInteger(shard.sequenceNumberRange().startingSequenceNumber());
                String last = shard.sequenceNumberRange().endingSequenceNumber();
                if (range.start().compareTo(first) >= 0
                        && (last == null || range.start().compareTo(new BigInteger(last)) <= 0)) {
                    return shard.shardId();
                }
            }
            next = description.lastEvaluatedShardId();
        } while (next != null);
        return null;
    }

    /** A range of one on-failure record. */
    record Range(String streamArn, String shardId, BigInteger start, BigInteger end) {
        static Range parse(String body) {
            JsonNode info;
            try {
                info = JSON.readTree(body).path("DDBStreamBatchInfo");
            } catch (IOException e) {
                throw new IllegalArgumentException("on-failure message is not JSON: " + abbreviated(body));
            }
            String arn = info.path("streamArn").asText(null);
            String start = info.path("startSequenceNumber").asText(null);
            String end = info.path("endSequenceNumber").asText(null);
            if (arn == null || start == null || end == null) {
                throw new IllegalArgumentException("on-failure message has no DDBStreamBatchInfo with streamArn, "
                        + "startSequenceNumber and endSequenceNumber: " + abbreviated(body));
            }
            try {
                return new Range(arn, info.path("shardId").asText(null), number(start), number(end));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sequence numbers must be decimal digits, were '"
                        + abbreviated(start) + "' and '" + abbreviated(end) + "'");
            }
        }

        private static BigInteger number(String sequenceNumber) {
            return new BigInteger(SequenceNumber.of(sequenceNumber).value());
        }

        String label() {
            return (shardId == null ? "" : shardId + " ") + start + ".." + end;
        }

        private static String abbreviated(String s) {
            return s.length() <= 120 ? s : s.substring(0, 120) + "...";
        }
    }
}

package dev.streampipe.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * A DynamoDB Streams client over fixed shards, for testing the mapping emulator's ordering and retry rules. Shards
 * are listed in the order added; a closed shard ends (no next iterator) after its last record, an open one does not.
 */
final class FakeStreams implements DynamoDbStreamsClient {
    private record FakeShard(String id, String parent, List<Record> records, boolean closed) {
    }

    private final Map<String, FakeShard> shards = new LinkedHashMap<>();
    private long sequence = 100;

    /** Adds a shard with {@code count} INSERT records (event ids {@code <shardId>-<i>}). */
    FakeStreams shard(String id, String parent, int count, boolean closed) {
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(Record.builder().eventID(id + "-" + i).eventName("INSERT").eventVersion("1.1")
                    .awsRegion("us-east-1").dynamodb(StreamRecord.builder()
                            .keys(Map.of("PK", AttributeValue.fromS("SESSION#" + id), "SK", AttributeValue.fromS("TURN#" + i)))
                            .sequenceNumber(Long.toString(sequence++)).sizeBytes(10L)
                            .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()).build());
        }
        shards.put(id, new FakeShard(id, parent, records, closed));
        return this;
    }

    int total() {
        return shards.values().stream().mapToInt(s -> s.records().size()).sum();
    }

    @Override
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        List<Shard> listed = shards.values().stream()
                .map(s -> Shard.builder().shardId(s.id()).parentShardId(s.parent()).build()).toList();
        return DescribeStreamResponse.builder().streamDescription(d -> d.shards(listed)).build();
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        FakeShard shard = shards.get(request.shardId());
        int position = 0;
        if (request.shardIteratorType() == ShardIteratorType.AFTER_SEQUENCE_NUMBER) {
            while (!shard.records().get(position).dynamodb().sequenceNumber().equals(request.sequenceNumber())) {
                position++;
            }
            position++;
        }
        return GetShardIteratorResponse.builder().shardIterator(shard.id() + ":" + position).build();
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        String[] parts = request.shardIterator().split(":");
        FakeShard shard = shards.get(parts[0]);
        int from = Integer.parseInt(parts[1]);
        int to = Math.min(shard.records().size(), from + request.limit());
        boolean ended = shard.closed() && to == shard.records().size();
        return GetRecordsResponse.builder().records(shard.records().subList(from, to))
                .nextShardIterator(ended ? null : shard.id() + ":" + to).build();
    }

    @Override
    public String serviceName() {
        return "streams.dynamodb";
    }

    @Override
    public void close() {
    }
}

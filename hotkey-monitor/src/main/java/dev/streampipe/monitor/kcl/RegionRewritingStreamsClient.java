package dev.streampipe.monitor.kcl;

import java.util.Objects;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.Stream;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The four DynamoDB Streams operations with stream ARNs rewritten between a real region (adapter
 * side) and {@code ddblocal} (DynamoDB Local side). See {@link LocalStreams}.
 */
final class RegionRewritingStreamsClient implements DynamoDbStreamsClient {

    private final DynamoDbStreamsClient local;
    private final Region region;

    RegionRewritingStreamsClient(DynamoDbStreamsClient local, Region region) {
        this.local = Objects.requireNonNull(local, "local");
        this.region = Objects.requireNonNull(region, "region");
    }

    @Override
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        DescribeStreamResponse response = local.describeStream(
                request.toBuilder().streamArn(toLocal(request.streamArn())).build());
        if (response.streamDescription() == null) {
            return response;
        }
        return response.toBuilder()
                .streamDescription(response.streamDescription().toBuilder()
                        .streamArn(toRegional(response.streamDescription().streamArn())).build())
                .build();
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        return local.getShardIterator(request.toBuilder().streamArn(toLocal(request.streamArn())).build());
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        return local.getRecords(request);
    }

    @Override
    public ListStreamsResponse listStreams(ListStreamsRequest request) {
        ListStreamsResponse response = local.listStreams(request.toBuilder()
                .exclusiveStartStreamArn(toLocal(request.exclusiveStartStreamArn())).build());
        return response.toBuilder()
                .streams(response.streams().stream()
                        .map(s -> s.toBuilder().streamArn(toRegional(s.streamArn())).build())
                        .toArray(Stream[]::new))
                .lastEvaluatedStreamArn(toRegional(response.lastEvaluatedStreamArn()))
                .build();
    }

    @Override
    public String serviceName() {
        return local.serviceName();
    }

    /** Does not close the delegate: it belongs to whoever built it. */
    @Override
    public void close() {
        // nothing of ours to release
    }

    private String toLocal(String arn) {
        return LocalStreams.toLocalArn(arn, region);
    }

    private String toRegional(String arn) {
        return LocalStreams.toRegionalArn(arn, region);
    }
}

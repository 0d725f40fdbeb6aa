package dev.streampipe.monitor.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.Stream;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

class LocalStreamsTest {

    private static final String LOCAL =
            "arn:aws:dynamodb:ddblocal:000000000000:table/sessions/stream/2026-11-23T13:26:55.548";
    private static final String REGIONAL =
            "arn:aws:dynamodb:us-east-1:000000000000:table/sessions/stream/2026-11-23T13:26:55.548";

    @Test
    void shouldSwapOnlyTheRegionWhenArnsAreRewritten() {
        assertThat(LocalStreams.isLocal(LOCAL)).isTrue();
        assertThat(LocalStreams.isLocal(REGIONAL)).isFalse();
        assertThat(LocalStreams.toRegionalArn(LOCAL, Region.US_EAST_1)).isEqualTo(REGIONAL);
        assertThat(LocalStreams.toLocalArn(REGIONAL, Region.US_EAST_1)).isEqualTo(LOCAL);
        assertThat(LocalStreams.toRegionalArn(REGIONAL, Region.EU_WEST_1)).isEqualTo(REGIONAL);
        assertThat(LocalStreams.toLocalArn(null, Region.US_EAST_1)).isNull();
    }

    @Test
    void shouldSendLocalArnsAndReturnRegionalArnsWhenTheAdapterCallsThroughTheClient() {
        // GIVEN DynamoDB Local (faked) that records requested ARNs and answers with its own
        List<String> requested = new ArrayList<>();
        DynamoDbStreamsClient local = new DynamoDbStreamsClient() {
            @Override
            public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
                requested.add(request.streamArn());
                return DescribeStreamResponse.builder()
                        .streamDescription(StreamDescription.builder().streamArn(LOCAL).build()).build();
            }

            @Override
            public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
                requested.add(request.streamArn());
                return GetShardIteratorResponse.builder().shardIterator("it-1").build();
            }

            @Override
            public ListStreamsResponse listStreams(ListStreamsRequest request) {
                requested.add(request.exclusiveStartStreamArn());
                return ListStreamsResponse.builder().streams(Stream.builder().streamArn(LOCAL).build())
                        .lastEvaluatedStreamArn(LOCAL).build();
            }

            @Override
            public String serviceName() {
                return "dynamodb";
            }

            @Override
            public void close() {
                requested.add("closed");
            }
        };
        DynamoDbStreamsClient client = LocalStreams.rewritingClient(local, Region.US_EAST_1);
        // WHEN the adapter describes, gets an iterator and lists with regional ARNs
        DescribeStreamResponse described = client.describeStream(b -> b.streamArn(REGIONAL));
        GetShardIteratorResponse iterator = client.getShardIterator(b -> b.streamArn(REGIONAL).shardId("s"));
        ListStreamsResponse listed = client.listStreams(b -> b.exclusiveStartStreamArn(REGIONAL));
        client.close();
        // THEN DynamoDB Local saw its own ARNs, the adapter gets regional ones, the delegate stays open
        assertThat(requested).containsExactly(LOCAL, LOCAL, LOCAL);
        assertThat(described.streamDescription().streamArn()).isEqualTo(REGIONAL);
        assertThat(iterator.shardIterator()).isEqualTo("it-1");
        assertThat(listed.streams()).extracting(Stream::streamArn).containsExactly(REGIONAL);
        assertThat(listed.lastEvaluatedStreamArn()).isEqualTo(REGIONAL);
    }
}

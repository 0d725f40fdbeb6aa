package dev.streampipe.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Redrive of on-failure messages whose range the stream refuses: each is kept and named, and the redrive goes on.
 * The stream's answers are AWS's (moto answers a missing stream with HTTP 500), so the clients here are stand-ins.
 */
class RedriveTest {
    private static final String ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2026-01-01T00:00:00.000";

    /** A queue that hands out its messages once and records what is deleted. */
    private static final class Queue implements SqsClient {
        final List<Message> messages = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();

        @Override
        public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
            List<Message> batch = List.copyOf(messages);
            messages.clear();
            return ReceiveMessageResponse.builder().messages(batch).build();
        }

        @Override
        public DeleteMessageResponse deleteMessage(DeleteMessageRequest request) {
            deleted.add(request.receiptHandle());
            return DeleteMessageResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "sqs";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void shouldKeepEachRangeWithTheStreamsAnswerWhenTheStreamIsGoneOrRefusesIt() {
        // GIVEN two on-failure messages: one for a stream that is gone, one the stream refuses as invalid
        Queue queue = new Queue();
        queue.messages.add(message("gone", ARN + "-gone"));
        queue.messages.add(message("refused", "not-an-arn"));
        DynamoDbStreamsClient streams = new DynamoDbStreamsClient() {
            @Override
            public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
                if (request.streamArn().endsWith("-gone")) {
                    throw ResourceNotFoundException.builder().message("Requested resource not found").build();
                }
                throw (DynamoDbException) DynamoDbException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails
                        .builder().errorCode("ValidationException").errorMessage("Invalid StreamArn").build()).build();
            }

            @Override
            public String serviceName() {
                return "streams";
            }

            @Override
            public void close() {
            }
        };

        // WHEN they are redriven
        Redrive.Result result = new Redrive(queue, streams, new MappingSemantics.Settings(1, true))
                .run("https://sqs/1/q", (batch, arn) -> List.of());

        // THEN both are kept with the reason, nothing is deleted, and no exception ended the redrive
        assertThat(result.kept()).extracting(Redrive.Kept::reason).containsExactly(
                "the stream or shard does not exist", "the stream refused the range: Invalid StreamArn");
        assertThat(queue.deleted).isEmpty();
    }

    private static Message message(String handle, String streamArn) {
        return Message.builder().receiptHandle(handle).body("{\"DDBStreamBatchInfo\":{\"streamArn\":\"" + streamArn
                + "\",\"startSequenceNumber\":\"100\",\"endSequenceNumber\":\"200\"}}").build();
    }
}

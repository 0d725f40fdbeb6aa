package dev.streampipe.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ServiceUnavailableException;

class FirehoseLoopbackIT {

    private static final String STREAM = "analytics-stream";

    @RegisterExtension
    final LoopbackAwsExtension loopback = new LoopbackAwsExtension();

    @Test
    void shouldDecodeRecordsWhenPutRecordBatchSucceeds() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        try (FirehoseClient firehose = aws.client(FirehoseClient.builder())) {
            // WHEN
            PutRecordBatchResponse response = put(firehose, "{\"n\":1}\n", "{\"n\":2}\n", "é\n");
            // THEN
            assertThat(response.failedPutCount()).isZero();
            assertThat(response.requestResponses()).hasSize(3).allSatisfy(r -> assertThat(r.recordId()).isNotBlank());
        }
        assertThat(aws.firehose().received()).extracting(FirehoseRecord::text)
                .containsExactly("{\"n\":1}\n", "{\"n\":2}\n", "é\n");
        assertThat(aws.firehose().received()).extracting(FirehoseRecord::deliveryStreamName).containsOnly(STREAM);
        assertThat(aws.calls("Firehose", "PutRecordBatch")).isEqualTo(1);
        assertThat(aws.entries("firehose", "PutRecordBatch")).isEqualTo(3);
        assertThat(aws.unexpected()).isEmpty();
    }

    @Test
    void shouldReportFailedEntriesThenAcceptRetryWhenRecordsMatchFailureRule() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        aws.firehose().failEntriesMatching(r -> r.text().startsWith("bad"), "ServiceUnavailableException", 1);
        try (FirehoseClient firehose = aws.client(FirehoseClient.builder())) {
            // WHEN
            PutRecordBatchResponse first = put(firehose, "ok-1", "bad-2", "ok-3");
            PutRecordBatchResponse retry = put(firehose, "bad-2");
            // THEN
            assertThat(first.failedPutCount()).isEqualTo(1);
            PutRecordBatchResponseEntry failed = first.requestResponses().get(1);
            assertThat(failed.errorCode()).isEqualTo("ServiceUnavailableException");
            assertThat(failed.errorMessage()).isNotBlank();
            assertThat(failed.recordId()).isNull();
            assertThat(first.requestResponses().get(0).errorCode()).isNull();
            assertThat(retry.failedPutCount()).isZero();
        }
        assertThat(aws.firehose().accepted()).extracting(FirehoseRecord::text).containsExactly("ok-1", "ok-3", "bad-2");
        assertThat(aws.firehose().calls().get(0).rejected()).extracting(FirehoseRecord::text).containsExactly("bad-2");
    }

    @Test
    void shouldFailPositionsForOneCallWhenEntriesAtIndexesAreFailed() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        aws.firehose().failEntriesAt(Set.of(0, 2), "InternalFailure", 1);
        try (FirehoseClient firehose = aws.client(FirehoseClient.builder())) {
            // WHEN
            PutRecordBatchResponse first = put(firehose, "a", "b", "c");
            PutRecordBatchResponse second = put(firehose, "a", "b", "c");
            // THEN
            assertThat(first.failedPutCount()).isEqualTo(2);
            assertThat(first.requestResponses()).extracting(PutRecordBatchResponseEntry::errorCode)
                    .containsExactly("InternalFailure", null, "InternalFailure");
            assertThat(second.failedPutCount()).isZero();
        }
    }

    @Test
    void shouldThrowServiceUnavailableWhenCallIsThrottled() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        aws.firehose().throttle(1);
        try (FirehoseClient firehose = aws.client(FirehoseClient.builder())) {
            // WHEN / THEN
            assertThatThrownBy(() -> put(firehose, "a"))
                    .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(500);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailableException");
                    });
            assertThat(put(firehose, "a").failedPutCount()).isZero();
        }
        assertThat(aws.firehose().calls()).extracting(c -> c.failure().isPresent()).containsExactly(true, false);
        assertThat(aws.firehose().accepted()).hasSize(1);
    }

    private static PutRecordBatchResponse put(FirehoseClient firehose, String... texts) {
        List<Record> records = Stream.of(texts)
                .map(t -> Record.builder().data(SdkBytes.fromString(t, StandardCharsets.UTF_8)).build()).toList();
        return firehose.putRecordBatch(b -> b.deliveryStreamName(STREAM).records(records));
    }
}

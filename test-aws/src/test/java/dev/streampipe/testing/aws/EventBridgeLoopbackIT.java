package dev.streampipe.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;

class EventBridgeLoopbackIT {

    @RegisterExtension
    final LoopbackAwsExtension loopback = new LoopbackAwsExtension();

    @Test
    void shouldDecodeEntriesWhenPutEventsSucceeds() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        Instant time = Instant.parse("2026-03-01T10:15:30.250Z");
        try (EventBridgeClient events = aws.client(EventBridgeClient.builder())) {
            // WHEN
            PutEventsResponse response = events.putEvents(b -> b.entries(
                    entry("s-1").toBuilder().time(time).resources("arn:aws:dynamodb:us-east-1:1:table/t").build(),
                    entry("s-2")));
            // THEN
            assertThat(response.failedEntryCount()).isZero();
            assertThat(response.entries()).hasSize(2).allSatisfy(e -> assertThat(e.eventId()).isNotBlank());
        }
        assertThat(aws.eventBridge().received()).containsExactly(
                new EventBridgeEntry("streampipe.sessions", "SessionStatusChanged", "{\"sessionId\":\"s-1\"}",
                        "sessions-bus", List.of("arn:aws:dynamodb:us-east-1:1:table/t"), time),
                new EventBridgeEntry("streampipe.sessions", "SessionStatusChanged", "{\"sessionId\":\"s-2\"}",
                        "sessions-bus", List.of(), null));
        assertThat(aws.calls("EventBridge", "PutEvents")).isEqualTo(1);
    }

    @Test
    void shouldReportFailedEntryWhenDetailMatchesFailureRule() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        aws.eventBridge().failEntriesMatching(e -> e.detail().contains("s-2"), "InternalFailure", ServiceStub.ALWAYS);
        try (EventBridgeClient events = aws.client(EventBridgeClient.builder())) {
            // WHEN
            PutEventsResponse first = events.putEvents(b -> b.entries(entry("s-1"), entry("s-2")));
            PutEventsResponse second = events.putEvents(b -> b.entries(entry("s-2")));
            // THEN
            assertThat(first.failedEntryCount()).isEqualTo(1);
            assertThat(first.entries().get(0).eventId()).isNotBlank();
            assertThat(first.entries().get(1).errorCode()).isEqualTo("InternalFailure");
            assertThat(first.entries().get(1).eventId()).isNull();
            assertThat(second.failedEntryCount()).as("ALWAYS keeps failing").isEqualTo(1);
        }
        assertThat(aws.eventBridge().accepted()).extracting(EventBridgeEntry::detail)
                .containsExactly("{\"sessionId\":\"s-1\"}");
    }

    @Test
    void shouldThrowThrottlingExceptionWhenCallIsThrottled() {
        // GIVEN
        LoopbackAws aws = loopback.aws();
        aws.eventBridge().throttle(2);
        try (EventBridgeClient events = aws.client(EventBridgeClient.builder())) {
            for (int i = 0; i < 2; i++) {
                // WHEN / THEN
                assertThatThrownBy(() -> events.putEvents(b -> b.entries(entry("s-1"))))
                        .isInstanceOfSatisfying(EventBridgeException.class, e -> {
                            assertThat(e.isThrottlingException()).isTrue();
                            assertThat(e.statusCode()).isEqualTo(400);
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                        });
            }
            assertThat(events.putEvents(b -> b.entries(entry("s-1"))).failedEntryCount()).isZero();
        }
        assertThat(aws.calls("EventBridge", "PutEvents")).isEqualTo(3);
    }

    private static PutEventsRequestEntry entry(String sessionId) {
        return PutEventsRequestEntry.builder().source("streampipe.sessions").detailType("SessionStatusChanged")
                .detail("{\"sessionId\":\"" + sessionId + "\"}").eventBusName("sessions-bus").build();
    }
}

package dev.streampipe.core.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The typed per-message sink options: what they hold, and how a bad value fails where it is made. */
class SinkOptionsTest {

    @Test
    void shouldKeepAttributesInOrderAndTheSubjectWhenSnsOptionsAreBuilt() {
        // GIVEN attributes in a known order
        Map<String, String> given = new LinkedHashMap<>();
        given.put("event_type", "handoff");
        given.put("agent_id", "agent-0042");

        // WHEN
        SnsOptions options = SnsOptions.attributes(given).attribute("reason", "escalated").subject("Handed off");

        // THEN
        assertThat(options.messageAttributes()).containsExactly(Map.entry("event_type", "handoff"),
                Map.entry("agent_id", "agent-0042"), Map.entry("reason", "escalated"));
        assertThat(options.subjectOrNull()).isEqualTo("Handed off");
        assertThat(SnsOptions.none().messageAttributes()).isEmpty();
        assertThat(SnsOptions.none().subjectOrNull()).isNull();
    }

    @Test
    void shouldRejectASubjectOver100CharactersNamingItWhenBuilt() {
        String subject = "s".repeat(101);

        assertThatThrownBy(() -> SnsOptions.none().subject(subject))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SNS subject must be 1..100 characters")
                .hasMessageContaining(subject)
                .hasMessageContaining("(101)");
        assertThat(SnsOptions.none().subject("s".repeat(100)).subjectOrNull()).hasSize(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"line\nbreak", "tab\there", "caf\u00e9", " leading space"})
    void shouldRejectASubjectWithALineBreakOrNonAsciiWhenBuilt(String subject) {
        assertThatThrownBy(() -> SnsOptions.none().subject(subject))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SNS subject")
                .hasMessageContaining(subject);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "event/type", ".leading", "trailing.", "double..dot", "AWS.reserved",
            "amazon.reserved", "caf\u00e9"})
    void shouldRejectAnAttributeNameSnsRefusesNamingItWhenBuilt(String name) {
        assertThatThrownBy(() -> SnsOptions.attributes(Map.of(name, "v")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SNS message attribute name")
                .hasMessageContaining("'" + name + "'");
    }

    @Test
    void shouldAcceptAttributeNamesWithLettersDigitsDashUnderscoreAndInnerDotsWhenBuilt() {
        assertThat(SnsOptions.attributes(Map.of("a-b_c.d9", "v")).messageAttributes()).containsKey("a-b_c.d9");
        assertThat(SnsOptions.requireAttributeName("x".repeat(256))).hasSize(256);
        assertThatThrownBy(() -> SnsOptions.requireAttributeName("x".repeat(257)))
                .hasMessageContaining("1..256 characters");
    }

    @Test
    void shouldRejectAnEmptyAttributeValueNamingTheAttributeWhenBuilt() {
        assertThatThrownBy(() -> SnsOptions.none().attribute("agent_id", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'agent_id' must have a non-empty value");
    }

    @Test
    void shouldHoldDetailTypeAndOptionalSourceWhenEventBridgeOptionsAreBuilt() {
        EventBridgeOptions plain = EventBridgeOptions.detailType("SessionStatusChanged");
        EventBridgeOptions sourced = plain.source("acme.orders");

        assertThat(plain.detailType()).isEqualTo("SessionStatusChanged");
        assertThat(plain.sourceOrNull()).isNull();
        assertThat(sourced.sourceOrNull()).isEqualTo("acme.orders");
        assertThat(sourced).isEqualTo(EventBridgeOptions.detailType("SessionStatusChanged").source("acme.orders"));
    }

    @Test
    void shouldRejectABlankOrLongDetailTypeOrAReservedSourceNamingItWhenBuilt() {
        assertThatThrownBy(() -> EventBridgeOptions.detailType("  "))
                .hasMessageContaining("EventBridge detail type must not be blank");
        assertThatThrownBy(() -> EventBridgeOptions.detailType("t".repeat(129)))
                .hasMessageContaining("EventBridge detail type must be 1..128 characters");
        assertThatThrownBy(() -> EventBridgeOptions.detailType("T").source("aws.dynamodb"))
                .hasMessageContaining("'aws.dynamodb'").hasMessageContaining("reserved");
        assertThatThrownBy(() -> EventBridgeOptions.detailType("T").source("my source"))
                .hasMessageContaining("'my source'");
    }

    @Test
    void shouldHoldGroupAndDeduplicationIdsWhenFifoOptionsAreBuilt() {
        FifoOptions options = FifoOptions.group("ORDER#1").deduplicationId("ev-1#route");

        assertThat(options.groupId()).isEqualTo("ORDER#1");
        assertThat(options.deduplicationIdOrNull()).isEqualTo("ev-1#route");
        assertThat(FifoOptions.group("g").deduplicationIdOrNull()).isNull();
    }

    @Test
    void shouldRejectFifoIdsOver128CharactersOrWithSpacesNamingThemWhenBuilt() {
        String long129 = "g".repeat(129);

        assertThatThrownBy(() -> FifoOptions.group(long129))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("FIFO message group id must be 1..128 characters")
                .hasMessageContaining(long129);
        assertThatThrownBy(() -> FifoOptions.group("g").deduplicationId("has space"))
                .hasMessageContaining("FIFO message deduplication id").hasMessageContaining("'has space'");
        assertThatThrownBy(() -> FifoOptions.group(null)).hasMessageContaining("was null");
        assertThat(FifoOptions.group("g".repeat(128)).groupId()).hasSize(128);
    }

    @Test
    void shouldCarryEachKindOfOptionWhenAPayloadIsGivenThem() {
        Payload payload = Payload.of("{}")
                .with(SnsOptions.attributes(Map.of("event_type", "handoff")))
                .with(EventBridgeOptions.detailType("T"))
                .with(FifoOptions.group("g"))
                .withGroupKey("k");

        assertThat(payload.sns().messageAttributes()).containsEntry("event_type", "handoff");
        assertThat(payload.eventBridge()).contains(EventBridgeOptions.detailType("T"));
        assertThat(payload.fifo()).contains(FifoOptions.group("g"));
        assertThat(payload.groupKey()).contains("k");
        assertThat(Payload.of("{}").sns()).isEqualTo(SnsOptions.none());
        assertThat(Payload.of("{}").eventBridge()).isEmpty();
    }
}

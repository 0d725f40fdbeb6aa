package dev.streampipe.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryProtocolTest {

    @Test
    void shouldOrderMembersNumericallyWhenListHasTenOrMoreMembers() {
        // GIVEN
        StringBuilder form = new StringBuilder("Action=PublishBatch&Version=2010-03-31");
        for (int n = 11; n >= 1; n--) {
            form.append("&Entries.member.").append(n).append(".Id=e").append(n);
        }
        // WHEN
        List<Map<String, String>> members = QueryProtocol.members(
                QueryProtocol.parseForm(form.toString().getBytes(StandardCharsets.UTF_8)), "Entries");
        // THEN
        assertThat(members).extracting(m -> m.get("Id"))
                .containsExactly("e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9", "e10", "e11");
    }

    @Test
    void shouldDecodePercentAndPlusWhenFormIsParsed() {
        // WHEN
        Map<String, String> params = QueryProtocol.parseForm(
                "Message=a+b%26c%3D%C3%A9&Subject=&Flag".getBytes(StandardCharsets.UTF_8));
        // THEN
        assertThat(params).containsExactly(Map.entry("Message", "a b&c=é"), Map.entry("Subject", ""),
                Map.entry("Flag", ""));
    }

    @Test
    void shouldEscapeTextWhenXmlIsWritten() {
        // WHEN
        String xml = new QueryProtocol.Xml().open("R", "urn:x").element("M", "<a & \"b\">").close("R").toString();
        // THEN
        assertThat(xml).isEqualTo("<R xmlns=\"urn:x\"><M>&lt;a &amp; &quot;b&quot;&gt;</M></R>");
    }

    @Test
    void shouldHexEncodeBodyDigestAndOmitAttributeDigestWhenNoAttributes() {
        // attribute digests are checked by the SDK itself in SqsLoopbackIT
        // WHEN / THEN
        assertThat(SqsDigests.ofBody("hello")).isEqualTo("5d41402abc4b2a76b9719d911017c592");
        assertThat(SqsDigests.ofAttributes(Map.of())).isNull();
    }
}

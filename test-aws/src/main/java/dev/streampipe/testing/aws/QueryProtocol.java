package dev.streampipe.testing.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Codec for the AWS query protocol: form-encoded requests ({@code Action=...&Version=...}, lists as
 * {@code Name.member.N.Field}, maps as {@code Name.entry.N.Name/Value}) and XML answers, errors as
 * {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>}.
 */
final class QueryProtocol {

    private static final String CONTENT_TYPE = "text/xml";

    private final String xmlNamespace;

    /** @param xmlNamespace the service's document namespace, e.g. {@code http://sns.amazonaws.com/doc/2010-03-31/} */
    QueryProtocol(String xmlNamespace) {
        this.xmlNamespace = xmlNamespace;
    }

    /**
     * True for a form-encoded POST. Not proof of the query protocol on its own: {@code HttpURLConnection} labels
     * any body-less POST this way, so callers also check the path (query services post to {@code /}).
     */
    static boolean isForm(LoopbackRequest request) {
        String contentType = request.header("content-type");
        return "POST".equals(request.method()) && contentType != null
                && contentType.startsWith("application/x-www-form-urlencoded");
    }

    /** All form parameters, in request order. */
    static Map<String, String> parseForm(byte[] body) {
        Map<String, String> params = new LinkedHashMap<>();
        String form = new String(body, StandardCharsets.UTF_8);
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    /**
     * The members of a list parameter, in member order: {@code members(params, "Entries")} turns
     * {@code Entries.member.2.Id=b, Entries.member.1.Id=a} into {@code [{Id=a}, {Id=b}]}.
     */
    static List<Map<String, String>> members(Map<String, String> params, String listName) {
        String prefix = listName + ".member.";
        Map<Integer, Map<String, String>> byIndex = new TreeMap<>();
        params.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                int dot = rest.indexOf('.');
                if (dot > 0) {
                    int index = Integer.parseInt(rest.substring(0, dot));
                    byIndex.computeIfAbsent(index, i -> new LinkedHashMap<>()).put(rest.substring(dot + 1), value);
                }
            }
        });
        return new ArrayList<>(byIndex.values());
    }

    /** Message attributes encoded as {@code MessageAttributes.entry.N.Name} / {@code .Value.DataType|StringValue|BinaryValue}. */
    static Map<String, MessageAttribute> messageAttributes(Map<String, String> fields) {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        String prefix = "MessageAttributes.entry.";
        for (int n = 1; fields.containsKey(prefix + n + ".Name"); n++) {
            String entry = prefix + n;
            String binary = fields.get(entry + ".Value.BinaryValue");
            attributes.put(fields.get(entry + ".Name"), new MessageAttribute(fields.get(entry + ".Value.DataType"),
                    fields.get(entry + ".Value.StringValue"), binary == null ? null : Base64.getDecoder().decode(binary)));
        }
        return attributes;
    }

    /** A successful answer: {@code <ActionResponse><ActionResult>result</ActionResult><ResponseMetadata/>}. */
    LoopbackResponse ok(String action, Xml result) {
        Xml xml = new Xml().open(action + "Response", xmlNamespace)
                .open(action + "Result", null).raw(result).close(action + "Result")
                .open("ResponseMetadata", null).element("RequestId", Ids.next()).close("ResponseMetadata")
                .close(action + "Response");
        return LoopbackResponse.of(200, CONTENT_TYPE, xml.toString());
    }

    LoopbackResponse error(InjectedError error) {
        Xml xml = new Xml().open("ErrorResponse", xmlNamespace).open("Error", null)
                .element("Type", error.serverFault() ? "Receiver" : "Sender")
                .element("Code", error.code()).element("Message", error.message()).close("Error")
                .element("RequestId", Ids.next()).close("ErrorResponse");
        return LoopbackResponse.of(error.httpStatus(), CONTENT_TYPE, xml.toString());
    }

    /** A minimal XML writer that escapes text. */
    static final class Xml {
        private final StringBuilder out = new StringBuilder();

        Xml open(String tag, String namespace) {
            out.append('<').append(tag);
            if (namespace != null) {
                out.append(" xmlns=\"").append(escape(namespace)).append('"');
            }
            out.append('>');
            return this;
        }

        Xml close(String tag) {
            out.append("</").append(tag).append('>');
            return this;
        }

        Xml element(String tag, String text) {
            return open(tag, null).text(text).close(tag);
        }

        Xml raw(Xml nested) {
            out.append(nested.out);
            return this;
        }

        private Xml text(String text) {
            out.append(escape(text));
            return this;
        }

        private static String escape(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}

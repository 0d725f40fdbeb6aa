package dev.streampipe.testing.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as the loopback server received it, body already un-gzipped.
 *
 * @param method  HTTP method
 * @param rawPath path as sent, still percent-encoded
 * @param query   raw query string, or {@code null}
 * @param headers headers with lower-case names
 * @param body    request body bytes (never {@code null})
 */
record LoopbackRequest(String method, String rawPath, String query, Map<String, List<String>> headers, byte[] body) {

    LoopbackRequest {
        headers = Map.copyOf(headers);
    }

    /** First value of the header (name case-insensitive), or {@code null}. */
    String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Path segments, each percent-decoded ({@code +} stays a plus sign). */
    List<String> pathSegments() {
        List<String> segments = new ArrayList<>();
        for (String segment : rawPath.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    /** Value of a query parameter, or {@code null}. */
    String queryParameter(String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** Short description for diagnostics: method, path and target header. */
    String describe() {
        String target = header("x-amz-target");
        return method + " " + rawPath + (target == null ? "" : " X-Amz-Target=" + target);
    }
}

package dev.streampipe.testing.aws;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP answer the loopback server sends back.
 *
 * @param status  HTTP status code
 * @param headers response headers (Content-Type included when there is a body)
 * @param body    body bytes, empty for none
 */
record LoopbackResponse(int status, Map<String, String> headers, byte[] body) {

    LoopbackResponse {
        headers = Map.copyOf(headers);
    }

    static LoopbackResponse of(int status, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (body.length > 0) {
            headers.put("Content-Type", contentType);
        }
        return new LoopbackResponse(status, headers, body);
    }

    static LoopbackResponse of(int status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static LoopbackResponse empty(int status) {
        return new LoopbackResponse(status, Map.of(), new byte[0]);
    }

    /** A copy with one more header. */
    LoopbackResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new LoopbackResponse(status, copy, body);
    }
}

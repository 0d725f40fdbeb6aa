package dev.streampipe.testing.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Codec for Smithy RPCv2 CBOR: {@code POST /service/{ServiceShape}/operation/{Operation}} with header
 * {@code smithy-protocol: rpc-v2-cbor}, CBOR bodies (timestamps as epoch seconds under tag 1, read here as plain
 * numbers), errors as a CBOR map with {@code __type} and {@code message}. For query-compatible services (CloudWatch)
 * errors also carry {@code x-amzn-query-error: Code;Sender}, from which the SDK takes the error code.
 */
final class CborProtocol {

    private static final ObjectMapper MAPPER = new ObjectMapper(new CBORFactory());
    private static final String CONTENT_TYPE = "application/cbor";

    private final String serviceShape;

    /** @param serviceShape the Smithy service shape name in the path, e.g. {@code GraniteServiceVersion20100801} */
    CborProtocol(String serviceShape) {
        this.serviceShape = serviceShape;
    }

    /** The operation name if the request is RPCv2 CBOR for this service, else {@code null}. */
    String operation(LoopbackRequest request) {
        List<String> path = request.pathSegments();
        boolean matches = "rpc-v2-cbor".equals(request.header("smithy-protocol")) && path.size() == 4
                && path.get(0).equals("service") && path.get(1).equals(serviceShape) && path.get(2).equals("operation");
        return matches ? path.get(3) : null;
    }

    static JsonNode read(byte[] body) {
        if (body.length == 0) {
            return MAPPER.createObjectNode();
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("request body is not CBOR", e);
        }
    }

    LoopbackResponse ok(JsonNode body) {
        return LoopbackResponse.of(200, CONTENT_TYPE, write(body)).withHeader("smithy-protocol", "rpc-v2-cbor");
    }

    LoopbackResponse error(InjectedError error) {
        ObjectNode body = MAPPER.createObjectNode().put("__type", error.code()).put("message", error.message());
        return LoopbackResponse.of(error.httpStatus(), CONTENT_TYPE, write(body))
                .withHeader("smithy-protocol", "rpc-v2-cbor")
                .withHeader("x-amzn-query-error", error.code() + ";" + (error.serverFault() ? "Receiver" : "Sender"));
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    private static byte[] write(JsonNode body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write CBOR response", e);
        }
    }
}

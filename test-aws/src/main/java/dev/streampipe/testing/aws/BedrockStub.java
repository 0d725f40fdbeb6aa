package dev.streampipe.testing.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Amazon Bedrock Runtime {@code Converse} over REST-JSON ({@code POST /model/{modelId}/converse}). Entries are
 * {@link ConverseCall}s. Answers come from {@link #respondWith(Function)}; the default echoes the number of user
 * text blocks ({@code "loopback reply to N user block(s)"}) so tests see a non-empty, request-dependent text.
 * {@link #throttle(int)} answers {@code ThrottlingException} with HTTP 429; an injected entry failure fails the
 * call (e.g. {@code ModelNotReadyException}, {@code ValidationException}).
 */
public final class BedrockStub extends ServiceStub<ConverseCall, BedrockStub> {

    /** Service name for {@link LoopbackAws#calls(String, String)}. */
    public static final String SERVICE = "BedrockRuntime";

    private final JsonProtocol protocol = JsonProtocol.restJson();
    private volatile Function<ConverseCall, ConverseReply> responder = call -> ConverseReply.endTurn(call,
            "loopback reply to " + call.messageTexts("user").size() + " user block(s)");

    BedrockStub() {
        super(SERVICE);
    }

    /** Answers every {@code Converse} call with {@code text} ({@code end_turn}, word-count usage). */
    public BedrockStub respondWith(String text) {
        Objects.requireNonNull(text, "text");
        return respondWith(call -> ConverseReply.endTurn(call, text));
    }

    /** Answers each {@code Converse} call with the reply computed from it. */
    public BedrockStub respondWith(Function<ConverseCall, ConverseReply> responder) {
        this.responder = Objects.requireNonNull(responder, "responder");
        return this;
    }

    @Override
    boolean accepts(LoopbackRequest request) {
        List<String> path = request.pathSegments();
        return path.size() == 3 && path.get(0).equals("model");
    }

    @Override
    Operation<ConverseCall> decode(LoopbackRequest request) {
        List<String> path = request.pathSegments();
        if (!path.get(2).equals("converse")) {
            throw new UnsupportedRequestException("Bedrock Runtime operation not served: " + path.get(2));
        }
        ConverseCall call = new ConverseCall(path.get(1), JsonProtocol.read(request.body()));
        return new Operation<>("Converse", List.of(call), false);
    }

    @Override
    InjectedError throttlingError() {
        return new InjectedError("ThrottlingException", "Too many requests, please wait before trying again.", 429);
    }

    @Override
    LoopbackResponse success(RecordedCall<ConverseCall> call) {
        ConverseReply reply = responder.apply(call.entries().get(0));
        ObjectNode body = JsonProtocol.object();
        ObjectNode message = body.putObject("output").putObject("message").put("role", "assistant");
        message.putArray("content").addObject().put("text", reply.text());
        body.put("stopReason", reply.stopReason());
        body.putObject("usage").put("inputTokens", reply.inputTokens()).put("outputTokens", reply.outputTokens())
                .put("totalTokens", reply.inputTokens() + reply.outputTokens());
        body.putObject("metrics").put("latencyMs", 0);
        return protocol.ok(200, body);
    }

    @Override
    LoopbackResponse failure(InjectedError error) {
        return protocol.error(error);
    }
}

package dev.streampipe.testing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Amazon DynamoDB over AWS JSON 1.0 ({@code X-Amz-Target: DynamoDB_20120810.<Operation>}), scripted: every
 * operation is served, each call is one {@link DynamoDbCall} entry, and the answer is what the test scripted with
 * {@link #answer} for that operation ({@code {}} when nothing was scripted). No table state is kept: this stub
 * checks what a client sends and feeds it chosen answers (items, {@code ConsumedCapacity}, unprocessed items).
 *
 * <p>Errors carry DynamoDB's namespaced {@code __type} ({@code com.amazonaws.dynamodb.v20120810#Code}).
 * {@link #throttle(int)} answers {@code ThrottlingException} with HTTP 400; {@link #throttleWithReasons} answers a
 * throttling error whose body lists {@code ThrottlingReasons} ({@code [{"reason": .., "resource": ..}]}), as
 * DynamoDB does since 2025; {@link #cancelTransactions} answers {@code TransactWriteItems} with a cancellation and
 * its {@code CancellationReasons}.
 */
public final class DynamoDbStub extends ServiceStub<DynamoDbCall, DynamoDbStub> {

    /** Service name for {@link ServiceStub#calls(String)} and the recorded calls. */
    public static final String SERVICE = "DynamoDB";
    private static final String TARGET_PREFIX = "DynamoDB_20120810";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final String ERROR_NAMESPACE = "com.amazonaws.dynamodb.v20120810#";

    /** One entry of a throttling error's {@code ThrottlingReasons}. */
    public record ThrottlingReason(String reason, String resource) {
        public ThrottlingReason {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(resource, "resource");
        }
    }

    private final Map<String, Function<JsonNode, JsonNode>> answers = new ConcurrentHashMap<>();

    DynamoDbStub() {
        super(SERVICE);
    }

    /** Answers every later call of {@code operation} with {@code answer(request body)}. */
    public DynamoDbStub answer(String operation, Function<JsonNode, JsonNode> answer) {
        answers.put(Objects.requireNonNull(operation, "operation"), Objects.requireNonNull(answer, "answer"));
        return this;
    }

    /** Answers every later call of {@code operation} with this JSON body. */
    public DynamoDbStub answer(String operation, String json) {
        JsonNode body = JsonProtocol.read(json.getBytes(StandardCharsets.UTF_8));
        return answer(operation, request -> body);
    }

    /**
     * The next {@code calls} calls fail with {@code errorCode} (e.g. {@code ProvisionedThroughputExceededException}
     * or {@code ThrottlingException}), HTTP 400, and these {@code ThrottlingReasons}. Reasons are handed out in
     * the order the failures are answered.
     */
    public DynamoDbStub throttleWithReasons(int calls, String errorCode, List<ThrottlingReason> reasons) {
        failCalls(calls, errorCode, 400);
        for (int i = 0; i < calls; i++) {
            pendingReasons.add(new Pending(errorCode, List.copyOf(reasons)));
        }
        return this;
    }

    private record Pending(String code, List<ThrottlingReason> reasons) {
    }

    /**
     * The next {@code calls} calls of {@code operation} (use {@link #ALWAYS} for every one) fail with
     * {@code errorCode}, with the status {@link InjectedError#of} gives it; calls of other operations are not
     * counted. Unlike {@link #failEntriesMatching}, which counts attempts per request content, this counts calls:
     * the SDK gives each {@code TransactWriteItems} call a new {@code ClientRequestToken}, so a retried transaction
     * never equals the failed one.
     */
    public DynamoDbStub failOperation(String operation, int calls, String errorCode) {
        Objects.requireNonNull(operation, "operation");
        AtomicInteger left = new AtomicInteger(calls);
        failEntriesMatching(call -> operation.equals(call.operation())
                && (calls == ALWAYS || left.getAndDecrement() > 0), errorCode, ALWAYS);
        return this;
    }

    /**
     * The next {@code calls} {@code TransactWriteItems} calls (use {@link #ALWAYS} for every one) are cancelled:
     * {@code TransactionCanceledException}, HTTP 400, with one {@code CancellationReasons} entry per code of
     * {@code reasonCodes}, in order (e.g. {@code TransactionConflict}, {@code None}), as DynamoDB lists one per
     * action.
     */
    public DynamoDbStub cancelTransactions(int calls, List<String> reasonCodes) {
        cancellationReasons = List.copyOf(reasonCodes);
        return failOperation("TransactWriteItems", calls, TRANSACTION_CANCELED);
    }

    private static final String TRANSACTION_CANCELED = "TransactionCanceledException";
    private volatile List<String> cancellationReasons = List.of();

    private final Queue<Pending> pendingReasons = new ConcurrentLinkedQueue<>();

    @Override
    boolean accepts(LoopbackRequest request) {
        return JsonProtocol.targetOperation(request, TARGET_PREFIX) != null;
    }

    @Override
    Operation<DynamoDbCall> decode(LoopbackRequest request) {
        String operation = JsonProtocol.targetOperation(request, TARGET_PREFIX);
        return new Operation<>(operation, List.of(new DynamoDbCall(operation, JsonProtocol.read(request.body()))), false);
    }

    @Override
    InjectedError throttlingError() {
        return new InjectedError("ThrottlingException", "Rate of requests exceeds the allowed throughput.", 400);
    }

    @Override
    LoopbackResponse success(RecordedCall<DynamoDbCall> call) {
        DynamoDbCall only = call.entries().get(0);
        Function<JsonNode, JsonNode> answer = answers.get(call.operation());
        JsonNode body = answer == null ? JsonProtocol.object() : answer.apply(only.request());
        return LoopbackResponse.of(200, CONTENT_TYPE, JsonProtocol.MAPPER.valueToTree(body).toString());
    }

    @Override
    LoopbackResponse failure(InjectedError error) {
        ObjectNode body = JsonProtocol.object();
        body.put("__type", ERROR_NAMESPACE + error.code());
        body.put("message", error.message());
        if (TRANSACTION_CANCELED.equals(error.code())) {
            ArrayNode list = body.putArray("CancellationReasons");
            for (String code : cancellationReasons) {
                ObjectNode reason = list.addObject().put("Code", code);
                if (!"None".equals(code)) {
                    reason.put("Message", "injected by loopback endpoint: " + code);
                }
            }
            body.put("message", "Transaction cancelled, please refer cancellation reasons for specific reasons "
                    + cancellationReasons);
        }
        List<ThrottlingReason> reasons = reasonsFor(error);
        if (!reasons.isEmpty()) {
            ArrayNode list = body.putArray("ThrottlingReasons");
            reasons.forEach(r -> list.addObject().put("reason", r.reason()).put("resource", r.resource()));
        }
        return LoopbackResponse.of(error.httpStatus(), CONTENT_TYPE, body.toString());
    }

    private synchronized List<ThrottlingReason> reasonsFor(InjectedError error) {
        Pending next = pendingReasons.peek();
        if (next == null || !next.code().equals(error.code())) {
            return List.of();
        }
        pendingReasons.poll();
        return next.reasons();
    }
}

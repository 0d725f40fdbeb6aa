package dev.streampipe.bench.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.streampipe.bench.router.LedgerTableEndpoint;
import dev.streampipe.testing.aws.LoopbackServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback effect-ledger table for the chaos run: {@code BatchGetItem} and {@code BatchWriteItem} (AWS JSON 1.0)
 * over one in-memory key set, with outages: the next n reads or writes answer {@code InternalServerError} (HTTP
 * 500). It records every key whose write it refused ({@link #lostWrites()}): those effects were done but not
 * ledgered, so a redelivery may repeat them once. {@code amnesiac} makes every read answer "nothing done", as a
 * router that skips the ledger would see it (a broken variant).
 *
 * <p>Thread-safe; faults are per invocation: {@link #endInvocation()} clears them.
 */
final class ChaosLedger implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET = "DynamoDB_20120810.";

    private final Set<String> keys = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> lostWrites = new ConcurrentHashMap<>();
    private final AtomicInteger readFailures = new AtomicInteger();
    private final AtomicInteger writeFailures = new AtomicInteger();
    private final AtomicInteger refusedCalls = new AtomicInteger();
    private final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
    private final boolean amnesiac;
    private final LoopbackServer server;

    private ChaosLedger(boolean amnesiac) {
        this.amnesiac = amnesiac;
        server = LoopbackServer.start("chaos-ledger", this::handle);
    }

    static ChaosLedger start(boolean amnesiac) {
        return new ChaosLedger(amnesiac);
    }

    URI endpoint() {
        return server.endpoint();
    }

    void failReads(int calls) {
        readFailures.set(calls);
    }

    void failWrites(int calls) {
        writeFailures.set(calls);
    }

    void endInvocation() {
        readFailures.set(0);
        writeFailures.set(0);
    }

    /** Effect keys whose ledger write was refused, with how many times. */
    Map<String, Integer> lostWrites() {
        return Map.copyOf(lostWrites);
    }

    int refusedCalls() {
        return refusedCalls.get();
    }

    List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode request;
            try (InputStream in = exchange.getRequestBody()) {
                request = JSON.readTree(in);
            }
            String operation = target == null || !target.startsWith(TARGET) ? "?" : target.substring(TARGET.length());
            ObjectNode answer = JSON.createObjectNode();
            int status = 200;
            if (operation.equals("BatchGetItem") && take(readFailures)
                    || operation.equals("BatchWriteItem") && take(writeFailures)) {
                refusedCalls.incrementAndGet();
                if (operation.equals("BatchWriteItem")) {
                    LedgerTableEndpoint.writtenKeys(request).forEach(k -> lostWrites.merge(k, 1, Integer::sum));
                }
                status = 500;
                answer.put("__type", "com.amazonaws.dynamodb.v20120810#InternalServerError")
                        .put("message", "injected ledger outage");
            } else {
                switch (operation) {
                    case "BatchGetItem" -> batchGet(request, answer);
                    case "BatchWriteItem" -> {
                        keys.addAll(LedgerTableEndpoint.writtenKeys(request));
                        answer.putObject("UnprocessedItems");
                    }
                    default -> {
                        unexpected.add(operation);
                        status = 400;
                        answer.put("__type", "com.amazonaws.dynamodb.v20120810#UnknownOperationException");
                    }
                }
            }
            LedgerTableEndpoint.reply(exchange, status, answer);
        } finally {
            exchange.close();
        }
    }

    private static boolean take(AtomicInteger budget) {
        return budget.getAndUpdate(n -> n > 0 && n != Integer.MAX_VALUE ? n - 1 : n) > 0;
    }

    private void batchGet(JsonNode request, ObjectNode answer) {
        LedgerTableEndpoint.answerBatchGet(request, answer, pk -> !amnesiac && keys.contains(pk));
    }

    @Override
    public void close() {
        server.close();
    }
}

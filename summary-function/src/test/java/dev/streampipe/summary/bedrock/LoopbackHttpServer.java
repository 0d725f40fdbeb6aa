package dev.streampipe.summary.bedrock;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A minimal HTTP endpoint on 127.0.0.1 for on-the-wire tests of an SDK client: records each request and
 * answers with queued replies (HTTP 500 when none is queued, so a missing reply fails loudly).
 */
final class LoopbackHttpServer implements AutoCloseable {

    /** A request as received: method, raw (still percent-encoded) path, headers, UTF-8 body. */
    record Request(String method, String rawPath, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** A reply: status, headers, UTF-8 JSON body. */
    record Reply(int status, Map<String, String> headers, String body) {
        static Reply json(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body);
        }

        /** An AWS JSON/REST error as Bedrock sends it: {@code x-amzn-ErrorType} plus a message body. */
        static Reply awsError(int status, String errorType, String message) {
            return new Reply(status, Map.of("Content-Type", "application/json", "x-amzn-ErrorType", errorType),
                    "{\"message\":\"" + message + "\"}");
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new ArrayList<>();

    LoopbackHttpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port", e);
        }
        server.createContext("/", this::exchange);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    LoopbackHttpServer reply(Reply reply) {
        replies.add(reply);
        return this;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            synchronized (requests) {
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        Map.copyOf(exchange.getRequestHeaders()), body));
            }
            Reply reply = replies.poll();
            if (reply == null) {
                reply = Reply.json(500, "{\"message\":\"no reply queued in LoopbackHttpServer\"}");
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.streampipe.testing.aws;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on {@code 127.0.0.1}, ephemeral port, serving one handler concurrently on a cached pool of daemon
 * threads: what every loopback endpoint ({@link LoopbackAws}, {@link DynamoDbLoopback}, the benchmarks' ledger
 * tables) stands on.
 *
 * <p>Starting sets the JVM-wide property {@code sun.net.httpserver.nodelay=true} (TCP_NODELAY on accepted
 * sockets): without it Nagle's algorithm and delayed ACKs cost about 50 ms per call. The JDK reads it once, when
 * the first {@code HttpServer} of the JVM starts, so every loopback server sets it.
 *
 * <p>Contract: thread-safe; {@link #close()} stops the server and its threads.
 */
public final class LoopbackServer implements AutoCloseable {
    private final ExecutorService executor;
    private final HttpServer server;

    private LoopbackServer(String threadName, HttpHandler handler) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, threadName + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
    }

    /** Starts {@code handler} on an ephemeral loopback port; its threads are named {@code <threadName>-<n>}. */
    public static LoopbackServer start(String threadName, HttpHandler handler) {
        try {
            return new LoopbackServer(threadName, handler);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, the endpoint override for a client. */
    public URI endpoint() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

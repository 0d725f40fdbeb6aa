package dev.streampipe.system.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback socket that every AWS endpoint of a child process points at: it accepts, counts and closes each
 * connection, so a test can assert that nothing called AWS.
 */
final class LoopbackTrap implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    LoopbackTrap() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback socket", e);
        }
        acceptor = new Thread(this::acceptAll, "loopback-trap-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    String endpoint() {
        return "http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try (Socket ignored = server.accept()) {
                connections.incrementAndGet();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    throw new UncheckedIOException("loopback trap stopped accepting", e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}

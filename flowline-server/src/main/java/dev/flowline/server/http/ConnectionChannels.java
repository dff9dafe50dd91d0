package dev.flowline.server.http;

import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.PlainSocket;
import io.helidon.common.task.InterruptableTask;
import io.helidon.webserver.spi.ServerConnection;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;

/**
 * The socket channel of the connection whose request the current thread is handling, so that a handler can send a
 * file with the kernel's {@code sendfile} instead of copying it through Helidon's response stream. Helidon 4.5 keeps
 * the channel inside its plain socket without an accessor; it is read once per connection. Only a plain, unencrypted
 * socket gets one: a TLS socket's channel carries the encrypted stream, so bytes written to it directly would go out
 * in clear text and break the session. Where there is no channel, callers use the response stream.
 */
public final class ConnectionChannels {
    private static final System.Logger LOG = System.getLogger(ConnectionChannels.class.getName());
    private static final ThreadLocal<SocketChannel> CURRENT = new ThreadLocal<>();
    private static final VarHandle PLAIN_SOCKET = plainSocketField();

    private ConnectionChannels() {}

    /** The current connection's channel, while a handler runs on a plain socket connection. */
    public static Optional<SocketChannel> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * The connection, handling its requests with its socket's channel as {@link #current()}: Helidon handles all of a
     * connection's requests on the thread that calls {@code handle}. The caller makes sure Helidon writes responses on
     * that thread too (no write queue), so that what the handler sends to the channel follows what Helidon wrote.
     */
    static ServerConnection bound(ServerConnection connection, HelidonSocket socket) {
        SocketChannel channel = channelOf(socket);
        return channel == null ? connection : new Bound(connection, channel);
    }

    private static SocketChannel channelOf(HelidonSocket socket) {
        // Exactly Helidon's plain socket: its TLS socket is a subclass whose field holds the SSL socket.
        if (PLAIN_SOCKET == null || socket.getClass() != PlainSocket.class || socket.isSecure()) {
            return null;
        }
        return ((Socket) PLAIN_SOCKET.get((PlainSocket) socket)).getChannel();
    }

    private static VarHandle plainSocketField() {
        try {
            return MethodHandles.privateLookupIn(PlainSocket.class, MethodHandles.lookup())
                    .findVarHandle(PlainSocket.class, "delegate", Socket.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Artifact downloads are copied through the response stream: this Helidon's socket has no"
                            + " channel to send files to (" + e + ")");
            return null;
        }
    }

    /** A connection handled with its channel bound; Helidon may interrupt it when the delegate allows it. */
    private record Bound(ServerConnection delegate, SocketChannel channel)
            implements ServerConnection, InterruptableTask<Void> {
        @Override
        public void handle(Limit limit) throws InterruptedException {
            CURRENT.set(channel);
            try {
                delegate.handle(limit);
            } finally {
                CURRENT.remove();
            }
        }

        @Override
        public boolean canInterrupt() {
            return delegate instanceof InterruptableTask<?> task && task.canInterrupt();
        }

        @Override
        public Duration idleTime() {
            return delegate.idleTime();
        }

        @Override
        public void close(boolean interrupt) {
            delegate.close(interrupt);
        }
    }
}
